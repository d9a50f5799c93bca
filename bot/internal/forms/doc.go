// Package forms holds the question forms of the extractive answerer and assembles its tables.
// A form is a kind of question whose answer has a known shape (a pair, a reason, a rate, a
// number in its unit, the place of an event, a yes/no fact…). Each form is one value in a file of
// its own (form_*.go) holding its detection, its score factors, its clause and span cutters and
// its refusal checks, each part with an order key; questionForms (forms.go) is the one list of
// them. The mechanisms a part reads the sentence with (clauses, typed spans, units, the asked
// noun) are bot/internal/core's.
//
// The answerer reads the parts through four ordered tables assembled here: ScoreFactors (they
// multiply a sentence's score in order), ClauseForms (the first that cuts answers with a whole
// clause), SpanForms (each may isolate the answer span, a later one overriding an earlier one)
// and RefusalChecks (run stage by stage, the first that refuses names the refusal). The order is
// behaviour, so each table is sorted by its parts' order keys and TestFormTablesOrder pins it. A
// form's parts run only for a question the form detects. The checks of every question end with
// the fitted answer-or-refuse model (answermodel.go, answerfeatures.go, refusal_model.json).
//
// To add a form: its file (detection and parts with their order keys), its row in
// questionForms, its words in the lexicon, and its tests. Imports run one way: forms reads
// bot/internal/core and bot/internal/intent; bot/internal/extract runs the tables.
//
// # What the forms answer
//
//   - The question's type is read from its question
//     word (多少/几 numbers, 哪年/何时 dates, 谁 people, 哪里 places, 哪个 organisations, 哪些 lists,
//     什么 noun phrases, 什么职务 titles); phone-typed forms read as the written ones (啥时候 as
//     什么时候, 为啥 as 为什么, 在哪 before a verb as 在哪里), and "X叫什么" after a title or a role
//     ending in 人/员/师 asks a person. Sentences of the retrieved articles are scored by the
//     question's content terms (character bigrams weighted by rarity), by the words right beside the
//     question word, and by whether they hold the kind of thing asked for. The answer span is
//     isolated by aligning the question's context around its question word with the sentence
//     ("达茂旗的总面积是多少" → "总面积18177平方千米"); the reply is the clause holding it, with the
//     sentence's subject when the question names it. The quote is the whole sentence, joined to the
//     one before when that supplies the subject ("…王冰带队来我区调研…。区委常委、宣传部部长薛红霞
//     陪同调研。").
//   - Sentences are also read with what they refer to and how readers word things: a sentence
//     opening with 该线路/其/此次… counts (at a share) the question's words of the sentences it points
//     back to ("K8路…" → "该线路投放了8辆新能源纯电动公交车"); a small table of general news
//     paraphrases (lexicon/data/paraphrases.txt, shared with query expansion: 冠军~第一名, 要钱~免费, 一天~每天, 稻子~水稻) lets a word count for its
//     paraphrase, in scoring and evidence, and a second search with the paraphrases runs when the
//     question's own words find no answer. Answers are still cut from the article's own text.
//   - Wanted forms (core/wanted.go): "什么车"/"哪个镇" want a noun phrase ending in 车/镇; "展到什么时候"
//     a date after 至/到; yes/no questions (是否, 吗, A-not-A such as 要不要) the clause holding the
//     deciding fact (免费, 需要, 已经…); "多少学生" a count of people; "已经" realised and "计划/将"
//     planned figures. Answers keep the text's own letters and brackets ("K8路", "186件(套)").
//
// # Why an answer is refused
//
// An answer is given only when its evidence reaches DefaultMinEvidence: the share of the question's
// content characters found, in runs of two or more, in the quote and headline. Besides, an answer
// is refused when it lacks what the question asks for (core/refusal.go): a number in the expected unit
// next to the question's words (多少所 → "N所", 人口 → "N人"; "边境线长88.6千米" does not say how far
// apart two places are), the qualifier of a qualified measure (水域面积), the asked office and not
// its deputy (书记 ≠ 副书记), a person for 谁, a date for 何时, the noun asked about (什么特产,
// 多少员工), the numbers the question names, the statistic named (平均 is not 最高), a distance
// rather than a length (相距多远), the named thing rather than another of its kind (常州地铁 is not
// 深圳地铁), where a thing is rather than what was done there (X在哪里), a yes/no fact about what
// is asked (with more evidence than other answers); or when the question's subject is in another
// retrieved article than the one quoted. A subject opening with a place's name (河西县县长) needs
// an article naming that place whole (or its paper, or another article of its edition); a holiday
// the question names (五一) must be in the article, a contest's place (二等奖) and a part of the
// day (白天, not 夜间) told, a committee's office be that committee's (团区委书记 is no 区委书记), a
// 几点 question answered by a time of day, and a figure's subject not only one item of a list in
// the sentence before. The quote's context (its sentence, the one before, its paragraph's
// opening, the headline) must hold some of the question's subject words, not only the asked
// attribute (深中合作项目's 总投资 is not 深中通道's; core/agreement.go), and a figure asked as
// planned (计划) is not told by a quote telling only what was done (累计), and the act a place
// question names (哪个国家发起的, 在哪个城市宣布) must be told, at a place when asked with 在
// (core/eventact.go). When the best sentence
// fails these checks, a close
// runner-up of the same article that passes answers instead. The threshold was calibrated on the
// eval sets (TestCalibrateRefusal logs the procedure). A refusal says in Chinese that the edition
// does not cover the question and cites up to three related articles.
//
// # Answers of a known shape
//
// Some questions have an answer written in a fixed place (form_title.go, form_place.go,
// form_speech.go, core/lists.go):
//   - a person's organisation or office ("王冰是哪个单位的", "X担任什么职务", "X是谁") is the titles
//     written right before the name ("国家档案局经科司二级巡视员王冰" → 国家档案局经科司);
//   - a place's administrative unit ("西城村在哪个镇", "达茂旗属于哪个市") is the unit of that level
//     in the chain written before it ("嘉泽镇西城村"); a short name whose characters stand in order
//     in a longer name the article also writes is matched to it (达茂旗 ~ 达尔罕茂明安联合旗);
//   - a question about what someone said ("对企业提出了什么要求") prefers sentences reporting speech,
//     and a clause that is only speaker and speech verb ("…孙益锋要求") gives way to what was said:
//     the part addressed to the group the question names ("广大企业要…"), quoted from the speaker on;
//   - a 哪些 question is answered by the comma clause holding the 、 list, from the question's verb on
//     ("布局了人工智能、氢能、合成生物等一批未来产业").
//
// A form's file holds its detection, factor, cutter and checks; where core itself still asks a
// form's detection (AsksPair and WinnerResults in core/pairs.go, AskedChange in core/change.go,
// AsksFrequency in core/frequency.go) or its cutter (ListClause in core/lists.go, which the
// general cutter runs for every 哪些 question), that part stays in core.
//
// More question forms have answers of a known shape:
//   - pairs (form_pair.go, form_winner.go): "签约的是谁和谁" by the clause naming both parties
//     before the act ("武进区政府与…政府正式签署…"); a contest's winner (哪个楼道获得了第一名) by the clause telling the result,
//     reaching back to the subject when it opens with 夺得/获得;
//   - sources (form_source.go): "水从哪里来" by the words after 取自/来自; frequencies
//     (form_frequency.go): "多久一班" by a rate (每周一班); reasons (form_reason.go): "为什么…" by the clause with a purpose or
//     cause (解决, 满足, 缓解…); "X和Y分别是多少" by every clause holding a part;
//   - where an event takes place ("在哪里举办") by its 在X phrase before the act or opening the
//     sentence, a ceremony (开幕式) being placed by its act (开幕); where a thing comes from (是哪里
//     的企业, 是哪里人) only by an origin (来自, 总部, 籍贯);
//   - who did something ("哪个单位主办的", "谁在经营", "哪家公司施工的"): the act must be told in the
//     answer (or a paraphrase of it), else the question is refused rather than answered with another
//     sentence about the event; an organisation may answer;
//   - which article tells of a topic (bot/whicharticle.go): "哪篇报道讲了降雪" by the headline and the
//     sentence telling it;
//   - numbers: the number written right by the counted noun ("143个接种点", "口袋公园3处", "双向八车道"),
//     not an ordinal (第二水厂) or a phase (二期); a unit named once in the sentence needs no nearby words;
//     scores (3∶1), date ranges for durations (12月6日至7日), 免费 for a price, clock ranges for
//     "几点关门/放学" (the end of "9:00至17:30").
//
// A follow-up drops what the previous question measured from its subject (第二水厂投资 → 第二水厂),
// puts a sibling in place (那二期呢 after 一期), and must find some of its own words.
//
// A Latin-letter term of a Chinese question (GDP, 5G, K8) and a measured attribute it asks about
// (产能, 营收, 利润, 人口…) must occur in the article (core/named.go), else the question is not covered
// (an acronym's Chinese name, 人工智能 for AI, counts in the quoted window).
package forms
