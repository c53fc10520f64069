//! The words of the demo board: a coffee brand's fans writing in Chinese and English.

use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use crate::model::IdeaStatus;

pub(super) const CATEGORIES: &[(&str, &str, &str)] = &[
    ("drinks", "饮品", "Drinks"),
    ("food", "食品", "Food"),
    ("store", "门店体验", "Store experience"),
    ("rewards", "会员与积分", "Rewards"),
    ("app", "App 与点单", "App & ordering"),
    ("green", "环保", "Sustainability"),
    ("merch", "周边商品", "Merchandise"),
];

pub(super) const MODERATORS: &[&str] = &["陈思远 (产品经理)", "Maya Chen (Product)"];

pub(super) const INTERNAL_NOTE: &str = "内部备注：供应链评估中，请勿对外承诺日期。Internal: supply chain review pending, no dates to fans yet.";

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗",
];
const GIVEN: &[&str] = &[
    "晓雨", "子涵", "一诺", "思琪", "浩然", "雨桐", "嘉怡", "梓萱", "俊杰", "欣然", "宇航", "可馨",
];
const FIRST: &[&str] = &[
    "Alex", "Sam", "Jordan", "Emma", "Liam", "Olivia", "Noah", "Ava", "Mia", "Lucas", "Chloe",
    "Ethan", "Grace", "Leo", "Zoe",
];
const LAST: &[&str] = &[
    "Smith", "Wong", "Garcia", "Kim", "Brown", "Lee", "Martin", "Nguyen",
];

/// 150 fans: Chinese and English names.
pub(super) fn fan_names() -> Vec<String> {
    let mut out = Vec::new();
    for (i, s) in SURNAMES.iter().enumerate() {
        for g in GIVEN.iter().skip(i % 5).take(5) {
            out.push(format!("{s}{g}"));
        }
    }
    for (i, f) in FIRST.iter().enumerate() {
        for l in LAST.iter().skip(i % 3).take(3) {
            out.push(format!("{f} {l}"));
        }
    }
    out.truncate(150);
    out
}

/// One idea as the seeder will submit it.
pub(super) struct Draft {
    pub title: String,
    pub body: String,
    pub category: &'static str,
    pub tags: Vec<&'static str>,
    /// How many fans will vote for it.
    pub popularity: usize,
    /// Index of the earlier draft this one repeats.
    pub duplicate_of: Option<usize>,
}

/// (title, body, category, tags)
type Written = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const WRITTEN: &[Written] = &[
    (
        "希望燕麦拿铁成为常驻饮品",
        "燕麦拿铁每次都是限定，喝完就下架了。乳糖不耐的朋友很多，**希望能长期供应**。",
        "drinks",
        &["燕麦", "植物奶"],
    ),
    (
        "Bring back the pumpkin spice latte earlier",
        "Every year it sells out in weeks. Start the season in **September**, not October.",
        "drinks",
        &["seasonal"],
    ),
    (
        "会员积分可以兑换周边商品",
        "现在积分只能换饮品，希望能换杯子、帆布袋这些周边。",
        "rewards",
        &["积分", "周边"],
    ),
    (
        "Reusable cup discount should apply in the app",
        "Mobile orders can't use the personal cup discount. Add a checkbox: *I'll bring my own cup*.",
        "green",
        &["reusable", "discount"],
    ),
    (
        "门店增加更多插座",
        "很多人来门店办公，靠窗的位置基本没有插座，能不能每张桌子都配一个？",
        "store",
        &["办公", "插座"],
    ),
    (
        "Show sugar and calories before I order",
        "Put the nutrition numbers right on the drink page, for every size and milk choice.",
        "app",
        &["health", "menu"],
    ),
    (
        "推出低糖版本的季节限定",
        "季节限定都太甜了，希望可以选半糖或者无糖。",
        "drinks",
        &["低糖", "限定"],
    ),
    (
        "Let me save my custom drink",
        "I order the same thing every morning with five modifications. Save it as a favourite.",
        "app",
        &["favourites", "ordering"],
    ),
    (
        "纸吸管太容易软了",
        "纸吸管泡一会儿就软了，可以换成甘蔗吸管或者直饮杯盖吗？",
        "green",
        &["吸管", "环保"],
    ),
    (
        "Quiet hours in some stores",
        "A few stores could keep the music low in the morning for people who read or study.",
        "store",
        &["atmosphere"],
    ),
    (
        "生日当月送一杯免费饮品",
        "现在生日券只有当天能用，希望整个生日月都可以用。",
        "rewards",
        &["生日", "会员"],
    ),
    (
        "Vegan breakfast sandwich",
        "There is no plant-based breakfast option at all. An oat-bagel with avocado would sell.",
        "food",
        &["vegan", "breakfast"],
    ),
    (
        "增加抹茶系列饮品",
        "抹茶拿铁很受欢迎，希望有抹茶冷萃、抹茶星冰乐等更多选择。",
        "drinks",
        &["抹茶"],
    ),
    (
        "Order ahead for a group",
        "Let one person order for the whole team and split the payment in the app.",
        "app",
        &["group", "payment"],
    ),
    (
        "门店回收咖啡渣给顾客做花肥",
        "很多国外门店都有免费咖啡渣，国内也可以试试，环保又实用。",
        "green",
        &["咖啡渣", "回收"],
    ),
    (
        "Dog-friendly patios",
        "Put water bowls and a few hooks for leashes on the patio.",
        "store",
        &["pets"],
    ),
    (
        "推出中杯装的冷萃",
        "冷萃只有大杯，一个人喝不完，希望有中杯。",
        "drinks",
        &["冷萃", "杯型"],
    ),
    (
        "Points that never expire",
        "My stars expired while I was travelling. Let points live as long as the account is active.",
        "rewards",
        &["points", "expiry"],
    ),
    (
        "App 支持深色模式",
        "晚上打开 App 太亮了，希望支持深色模式，跟随系统设置。",
        "app",
        &["深色模式", "界面"],
    ),
    (
        "Limited edition city mugs for every city",
        "Smaller cities never get their own mug. Collectors would buy them all.",
        "merch",
        &["mugs", "collectors"],
    ),
    (
        "杯子上写名字能写中文",
        "店员经常把中文名写成拼音，希望点单时可以输入想写在杯子上的名字。",
        "store",
        &["名字", "个性化"],
    ),
    (
        "Decaf options for every espresso drink",
        "Decaf should be a normal choice, not something you have to ask for.",
        "drinks",
        &["decaf"],
    ),
    (
        "早餐套餐更便宜一些",
        "咖啡加三明治的早餐组合价格还是偏高，希望有工作日早餐优惠。",
        "food",
        &["早餐", "优惠"],
    ),
    (
        "Track my order in real time",
        "Show when the barista starts and finishes my mobile order, like a food delivery app.",
        "app",
        &["ordering", "tracking"],
    ),
    (
        "推出可降解的外带袋",
        "塑料袋已经减少了，但纸袋也可以做得更结实、可降解。",
        "green",
        &["外带", "可降解"],
    ),
    (
        "Oat milk at no extra charge",
        "Plant milks cost extra. That feels unfair to people who can't have dairy.",
        "drinks",
        &["oat", "plant milk", "pricing"],
    ),
    (
        "会员等级可以看到进度条",
        "不知道还差多少积分升级，希望在 App 首页显示一个进度条。",
        "rewards",
        &["会员等级"],
    ),
    (
        "Bigger tables for study groups",
        "Students come in groups; one or two large tables per store would help.",
        "store",
        &["study"],
    ),
    (
        "节日限定周边提前预约",
        "每次节日杯都抢不到，希望能在 App 里提前预约。",
        "merch",
        &["预约", "节日"],
    ),
    (
        "Gluten-free pastries",
        "Even one gluten-free muffin or cookie would make a difference.",
        "food",
        &["gluten-free"],
    ),
    (
        "燕麦奶可以免费替换",
        "换燕麦奶要加钱，希望会员可以免费替换植物奶。",
        "drinks",
        &["燕麦", "植物奶"],
    ),
    (
        "Make oat latte a permanent drink",
        "The oat latte keeps disappearing after the promotion ends. Please keep it on the menu for good.",
        "drinks",
        &["oat", "plant milk"],
    ),
    (
        "积分兑换杯子和帆布袋",
        "希望积分除了换咖啡，还能换品牌的杯子和袋子。",
        "rewards",
        &["积分"],
    ),
];

/// Pairs (later index, earlier index) of written drafts that say the same thing.
const WRITTEN_DUPLICATES: &[(usize, usize)] = &[(30, 25), (31, 0), (32, 2)];

const ZH_SUBJECTS: &[(&str, &str)] = &[
    ("焦糖玛奇朵", "drinks"),
    ("冷萃咖啡", "drinks"),
    ("桂花拿铁", "drinks"),
    ("椰子拿铁", "drinks"),
    ("热巧克力", "drinks"),
    ("可颂", "food"),
    ("芝士蛋糕", "food"),
    ("鸡肉卷", "food"),
    ("月饼礼盒", "food"),
    ("会员日", "rewards"),
    ("积分商城", "rewards"),
    ("好友推荐奖励", "rewards"),
    ("手机点单", "app"),
    ("外送服务", "app"),
    ("电子发票", "app"),
    ("随行杯", "merch"),
    ("保温杯", "merch"),
    ("帆布袋", "merch"),
    ("门店音乐", "store"),
    ("自习区", "store"),
    ("儿童座椅", "store"),
    ("杯盖设计", "green"),
    ("包装材料", "green"),
];
const ZH_WISHES: &[(&str, &str)] = &[
    (
        "希望{s}推出更多口味",
        "现在的选择有点少，希望{s}能多一些新口味，尤其是季节性的。",
    ),
    (
        "{s}能不能做得更好一点",
        "最近体验{s}的时候发现还有不少可以改进的地方，希望品牌团队能看看。",
    ),
    (
        "建议{s}增加会员专属优惠",
        "会员买{s}没有什么特别的优惠，希望能有会员价或者积分加倍。",
    ),
    (
        "{s}在更多城市上线",
        "我所在的城市还没有{s}，希望能尽快覆盖到二三线城市。",
    ),
    (
        "希望{s}支持个性化定制",
        "如果{s}可以按照自己的喜好定制，会更有参与感。",
    ),
    (
        "{s}的价格能否再亲民一些",
        "{s}很喜欢，但是价格有点高，经常买有点吃不消。",
    ),
];
const EN_SUBJECTS: &[(&str, &str)] = &[
    ("cold brew", "drinks"),
    ("flat white", "drinks"),
    ("chai latte", "drinks"),
    ("iced tea", "drinks"),
    ("hot chocolate", "drinks"),
    ("croissants", "food"),
    ("protein boxes", "food"),
    ("banana bread", "food"),
    ("the rewards program", "rewards"),
    ("member days", "rewards"),
    ("gift cards", "rewards"),
    ("mobile ordering", "app"),
    ("delivery", "app"),
    ("the store locator", "app"),
    ("tumblers", "merch"),
    ("coffee beans", "merch"),
    ("store seating", "store"),
    ("drive-thru", "store"),
    ("restrooms", "store"),
    ("cup lids", "green"),
    ("packaging", "green"),
];
const EN_WISHES: &[(&str, &str)] = &[
    (
        "More flavours for {s}",
        "The choice is a bit narrow. Seasonal flavours for {s} would bring me back more often.",
    ),
    (
        "Improve {s}",
        "A few things about {s} could be better; please have the team take a look.",
    ),
    (
        "Member-only deals on {s}",
        "Members get nothing special on {s}. Double points or a member price would help.",
    ),
    (
        "Bring {s} to more cities",
        "{s} is still not available where I live. Please roll it out further.",
    ),
    (
        "Let us customise {s}",
        "If I could adjust {s} to my taste I would feel part of it.",
    ),
    (
        "Make {s} more affordable",
        "I love {s}, but the price adds up if you buy it every week.",
    ),
];

fn heavy_tail(rng: &mut ChaCha8Rng, scale: f64) -> usize {
    let u: f64 = rng.random_range(0.0..1.0);
    (scale * u.powi(4)) as usize + rng.random_range(0..3)
}

/// About 300 ideas: the written ones (popular) and template variants (the long tail).
pub(super) fn ideas(rng: &mut ChaCha8Rng) -> Vec<Draft> {
    let mut out: Vec<Draft> = WRITTEN
        .iter()
        .enumerate()
        .map(|(i, (title, body, category, tags))| Draft {
            title: title.to_string(),
            body: body.to_string(),
            category,
            tags: tags.to_vec(),
            popularity: if i < 30 {
                20 + heavy_tail(rng, 120.0)
            } else {
                2
            },
            duplicate_of: WRITTEN_DUPLICATES
                .iter()
                .find(|(d, _)| *d == i)
                .map(|(_, o)| *o),
        })
        .collect();
    let mut variants: Vec<Draft> = Vec::new();
    for (s, category) in ZH_SUBJECTS {
        for (t, b) in ZH_WISHES {
            variants.push(Draft {
                title: t.replace("{s}", s),
                body: b.replace("{s}", s),
                category,
                tags: vec![],
                popularity: heavy_tail(rng, 40.0),
                duplicate_of: None,
            });
        }
    }
    for (s, category) in EN_SUBJECTS {
        for (t, b) in EN_WISHES {
            let title = t.replace("{s}", s);
            let mut chars = title.chars();
            let title = chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default();
            variants.push(Draft {
                title,
                body: b.replace("{s}", s),
                category,
                tags: vec![],
                popularity: heavy_tail(rng, 40.0),
                duplicate_of: None,
            });
        }
    }
    // Interleave so both languages run through the whole history.
    let mut picked: Vec<Draft> = Vec::new();
    while !variants.is_empty() && picked.len() < 270 {
        let i = rng.random_range(0..variants.len());
        picked.push(variants.swap_remove(i));
    }
    let written_len = out.len();
    let mut merged: Vec<Draft> = Vec::new();
    let mut written = out.drain(..).enumerate().peekable();
    let mut variants = picked.into_iter();
    // Written ideas keep their relative order (duplicates come after their originals).
    let stride = 270 / written_len.max(1);
    let mut count = 0usize;
    loop {
        if count.is_multiple_of(stride.max(1))
            && let Some((_, d)) = written.next()
        {
            merged.push(d);
            count += 1;
            continue;
        }
        match variants.next() {
            Some(d) => merged.push(d),
            None => {
                merged.extend(written.map(|(_, d)| d));
                break;
            }
        }
        count += 1;
    }
    // Re-point duplicates from written indexes to merged indexes.
    let index_of = |title: &str, list: &[Draft]| list.iter().position(|d| d.title == title);
    let mut fixed = Vec::new();
    for (i, d) in merged.iter().enumerate() {
        if let Some(o) = d.duplicate_of {
            fixed.push((i, index_of(WRITTEN[o].0, &merged)));
        }
    }
    for (i, o) in fixed {
        merged[i].duplicate_of = o;
    }
    merged
}

/// Pairs (duplicate, original) of draft indexes.
pub(super) fn duplicate_pairs(drafts: &[Draft]) -> Vec<(usize, usize)> {
    drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.duplicate_of.map(|o| (i, o)))
        .collect()
}

type Step = (IdeaStatus, Option<&'static str>);

const REVIEW: Step = (
    IdeaStatus::UnderReview,
    Some("产品团队正在评估这个想法。Our product team is looking into this."),
);
const PLAN: Step = (
    IdeaStatus::Planned,
    Some("已列入计划，感谢大家的投票！It's on the plan, thank you for voting!"),
);
const BUILD: Step = (
    IdeaStatus::InProgress,
    Some("正在试点门店测试中。Now testing in pilot stores."),
);
const LAUNCH: Step = (
    IdeaStatus::Launched,
    Some(
        "已在全国门店上线，感谢提出这个想法的粉丝！Now in every store. Thank you to the fan who suggested it!",
    ),
);
const DECLINE: Step = (
    IdeaStatus::Declined,
    Some(
        "经过评估，目前无法实现，我们会继续关注。After review we can't do this now, but we are listening.",
    ),
);

/// The journeys of the most-voted ideas, most-voted first; the rest stay new.
pub(super) fn journeys() -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    out.extend(std::iter::repeat_n(vec![REVIEW, PLAN, BUILD, LAUNCH], 4));
    out.extend(std::iter::repeat_n(vec![REVIEW, PLAN, BUILD], 4));
    out.extend(std::iter::repeat_n(vec![REVIEW, PLAN], 6));
    out.push(vec![]);
    out.extend(std::iter::repeat_n(vec![REVIEW], 8));
    out.extend(std::iter::repeat_n(vec![REVIEW, DECLINE], 3));
    out.extend(std::iter::repeat_n(vec![DECLINE], 2));
    out
}

const ZH_COMMENTS: &[&str] = &[
    "+1，非常需要！",
    "同意，我每周都会买。",
    "这个想法太好了，希望尽快实现。",
    "我身边的朋友也都这么说。",
    "如果能实现我会天天去。",
];
const EN_COMMENTS: &[&str] = &[
    "+1, I'd use this every day.",
    "Yes please! Same for my whole office.",
    "Great idea, hope the team picks it up.",
    "This would make me visit more often.",
    "Totally agree with this.",
];
const REPLIES: &[&str] = &[
    "对，我也是这么想的。",
    "Agreed, good point.",
    "有同感！",
    "Same here.",
];
const ANSWERS: &[&str] = &[
    "感谢大家的建议！我们已经把它交给了产品团队，进展会在这里更新。",
    "Thanks for all the votes! We've shared this with the product team and will post updates here.",
];

pub(super) fn comment(rng: &mut ChaCha8Rng, reply: bool) -> String {
    let pool = if reply {
        REPLIES
    } else if rng.random_bool(0.5) {
        ZH_COMMENTS
    } else {
        EN_COMMENTS
    };
    pool.choose(rng).copied().unwrap_or("+1").to_string()
}

pub(super) fn official_answer(rng: &mut ChaCha8Rng) -> String {
    ANSWERS
        .choose(rng)
        .copied()
        .unwrap_or(ANSWERS[0])
        .to_string()
}
