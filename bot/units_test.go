package bot

import "testing"

// TestHowManyPeopleTakesApproximateCounts: a 多少人 question is met by a count of people (名, 人,
// 位…) even when approximate (余, 多, 近) and the counted noun is 老人 or the like.
func TestHowManyPeopleTakesApproximateCounts(t *testing.T) {
	e := oneArticleEdition(t, "社区开办老年人智能手机培训班",
		"近日，社区开办老年人智能手机培训班，首期吸引60余名老人参加。社区还组织了书法兴趣班，共有30多位居民报名。"+
			"\n防诈骗讲座已举办3期，社区计划明年再开设5个班。")
	runAskCases(t, e, []askExpect{
		{"approximate count of 老人", "老年人智能手机培训班首期有多少人参加？", []string{"60余名"}, nil},
		{"counted in 位", "书法兴趣班有多少人报名？", []string{"30多位"}, nil},
		{"几个人 counted in 名", "首期有几人参加培训班？", []string{"60余名"}, nil},
		{"a count of sessions is no count of people", "防诈骗讲座有多少人参加？", nil, nil},
	})
	// Counts written in Chinese numerals, round figures with their approximation.
	words := oneArticleEdition(t, "社区活动丰富多彩",
		"社区开设书画培训班，共有三百余名老人报名参加。\n社区志愿服务队成立，近百名居民加入。\n迎新年长跑活动吸引上千人参加。")
	runAskCases(t, words, []askExpect{
		{"三百余名", "书画培训班有多少人报名？", []string{"三百余名"}, nil},
		{"近百名", "志愿服务队有多少人加入？", []string{"近百名"}, nil},
		{"上千人", "迎新年长跑活动有多少人参加？", []string{"上千人"}, nil},
	})
}
