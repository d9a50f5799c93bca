package corpus

import (
	"regexp"
	"strings"
)

// Bylines written with a slash, as Taiwanese and Hong Kong papers, magazines and many web pages
// print them: the roles, a slash (／, / or ╱) and the names, one pair or several —
// "報導．攝影╱林佳蓉", "撰文╱李宜蓁　攝影╱陳冠廷", "文／張雅婷　圖／吳建豪" — or the reporter and where
// the report comes from: "記者林志豪／台北報導".
var (
	slashRoles = `(?:记者|記者|报道|報導|报导|報道|摄影|攝影|撰文|文字|图文|圖文|文|图|圖|采访|採訪|整理|编译|編譯|口述|插画|插畫|影音|视频|視頻)`
	slashName  = `\p{Han}{2,4}(?:[·・]\p{Han}{1,6})?`
	slashPair  = slashRoles + `(?:[．・·、]` + slashRoles + `)*[\s\x{3000}]*[／/╱][\s\x{3000}]*` +
		slashName + `(?:[、\s\x{3000}]+` + slashName + `)*?`
	slashBylineRe = regexp.MustCompile(`^` + slashPair + `(?:[\s\x{3000}]+` + slashPair + `)*$`)
	// 記者林志豪／台北報導, 記者王小明、李大同/綜合報導
	reportedFromRe = regexp.MustCompile(`^(?:特派记者|特派記者|实习记者|實習記者|记者|記者)[\s\x{3000}]*` + slashName +
		`(?:[、\s\x{3000}]+` + slashName + `)*[\s\x{3000}]*[／/╱][\s\x{3000}]*\p{Han}{0,8}?(?:即时|即時|综合|綜合)?(?:报道|報導|报导|報道)$`)
)

// slashByline reports a byline written with a slash (see slashBylineRe).
func slashByline(s string) bool {
	if !runesAtMost(s, 40) || !strings.ContainsAny(s, "／/╱") {
		return false
	}
	return slashBylineRe.MatchString(s) || reportedFromRe.MatchString(s)
}
