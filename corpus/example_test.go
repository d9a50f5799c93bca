package corpus_test

import (
	"fmt"
	"strings"

	"newsbot/corpus"
)

// Parse splits an edition into articles: the kicker and headline above the dateline, the byline
// out of the dateline, and paragraphs cut at a column break rejoined.
func ExampleParse() {
	edition := strings.Join([]string{
		"2024年11月8日 星期五 第2版 要闻",
		"",
		"共赴“新”征程",
		"武进与内蒙古达茂旗缔结友好城市",
		"",
		"本报讯 (记者 朱梦琪) 昨天,两地正式签署“缔结友好城市战略合作协议”,重点发展智",
		"",
		"电汽车等产业。",
		"",
		"安康医疗高端手术器械项目厂房主体正在有序建设中。",
		"徐芊卉 摄",
	}, "\n")
	ed, err := corpus.Parse("wujin.txt", []byte(edition), corpus.Meta{Paper: "武进日报"})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := ed.Articles[0]
	fmt.Println(a.Kicker, "/", a.Title)
	fmt.Println(a.Byline, "|", a.EditionLabel())
	fmt.Println(a.Text)
	p := ed.Articles[1]
	fmt.Println(p.Kind, p.Byline, p.Text)
	// Output:
	// 共赴“新”征程 / 武进与内蒙古达茂旗缔结友好城市
	// 记者 朱梦琪 | 武进日报 2024-11-08 第2版
	// 昨天,两地正式签署“缔结友好城市战略合作协议”,重点发展智电汽车等产业。
	// photo 徐芊卉 摄 安康医疗高端手术器械项目厂房主体正在有序建设中。
}

// A two-line headline is read by what its lines say: here the second line carries a plan and a
// figure, so it is the subtitle (副题) under the main title, and it opens the text. A photo credit
// with a role word names the photographer; the role is recorded among the edition's labels.
func ExampleParse_subtitle() {
	edition := strings.Join([]string{
		"老旧小区加装电梯",
		"今年计划再装300台",
		"",
		"本报记者 陆思远",
		"",
		"截至今年2月底，我市已累计加装电梯1126台。",
		"",
		"植物园的早樱进入盛花期。",
		"本报记者 陆思远 摄",
	}, "\n")
	ed, err := corpus.Parse("evening.txt", []byte(edition), corpus.Meta{})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := ed.Articles[0]
	fmt.Printf("kicker %q, title %q\n", a.Kicker, a.Headline())
	fmt.Println(a.Text)
	fmt.Println(ed.Articles[1].Byline, ed.Labels)
	// Output:
	// kicker "", title "老旧小区加装电梯"
	// 今年计划再装300台
	// 截至今年2月底，我市已累计加装电梯1126台。
	// 陆思远 摄 [本报记者]
}

// A refused file is named in the error, and the reason can be tested with errors.Is.
func ExampleParse_refused() {
	_, err := corpus.Parse("photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), corpus.Meta{})
	fmt.Println(err)
	// Output:
	// corpus: photo.jpg: binary file, not text
}
