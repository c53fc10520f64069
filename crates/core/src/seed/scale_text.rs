//! The words of Starbucks-scale boards: a wider vocabulary than the demo's, so 150,000
//! ideas read as many different fans writing, about half in Chinese and half in
//! English. Every function draws from the caller's generator, so text is
//! deterministic for a seed.

use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// (subject, category slug) pairs in Chinese.
const ZH_SUBJECTS: &[(&str, &str)] = &[
    ("燕麦拿铁", "drinks"),
    ("焦糖玛奇朵", "drinks"),
    ("冷萃咖啡", "drinks"),
    ("桂花拿铁", "drinks"),
    ("椰子拿铁", "drinks"),
    ("热巧克力", "drinks"),
    ("抹茶星冰乐", "drinks"),
    ("美式咖啡", "drinks"),
    ("季节限定饮品", "drinks"),
    ("无糖糖浆", "drinks"),
    ("低因咖啡", "drinks"),
    ("气泡冷萃", "drinks"),
    ("可颂", "food"),
    ("芝士蛋糕", "food"),
    ("鸡肉卷", "food"),
    ("月饼礼盒", "food"),
    ("全麦三明治", "food"),
    ("素食早餐", "food"),
    ("沙拉碗", "food"),
    ("儿童餐", "food"),
    ("会员日", "rewards"),
    ("积分商城", "rewards"),
    ("好友推荐奖励", "rewards"),
    ("生日礼遇", "rewards"),
    ("星星兑换", "rewards"),
    ("会员等级", "rewards"),
    ("手机点单", "app"),
    ("外送服务", "app"),
    ("电子发票", "app"),
    ("门店地图", "app"),
    ("自定义饮品收藏", "app"),
    ("排队进度提醒", "app"),
    ("随行杯", "merch"),
    ("保温杯", "merch"),
    ("帆布袋", "merch"),
    ("城市限定马克杯", "merch"),
    ("咖啡豆礼盒", "merch"),
    ("门店音乐", "store"),
    ("自习区", "store"),
    ("儿童座椅", "store"),
    ("插座和充电", "store"),
    ("无障碍通道", "store"),
    ("宠物友好区", "store"),
    ("洗手间", "store"),
    ("杯盖设计", "green"),
    ("包装材料", "green"),
    ("纸吸管", "green"),
    ("咖啡渣回收", "green"),
    ("自带杯优惠", "green"),
    ("可降解餐具", "green"),
];

/// (subject, category slug) pairs in English.
const EN_SUBJECTS: &[(&str, &str)] = &[
    ("oat milk lattes", "drinks"),
    ("cold brew", "drinks"),
    ("flat whites", "drinks"),
    ("chai lattes", "drinks"),
    ("iced tea", "drinks"),
    ("hot chocolate", "drinks"),
    ("sugar-free syrups", "drinks"),
    ("decaf options", "drinks"),
    ("seasonal drinks", "drinks"),
    ("nitro cold brew", "drinks"),
    ("croissants", "food"),
    ("protein boxes", "food"),
    ("banana bread", "food"),
    ("vegan breakfast", "food"),
    ("gluten-free pastries", "food"),
    ("kids' snacks", "food"),
    ("salads", "food"),
    ("the rewards program", "rewards"),
    ("member days", "rewards"),
    ("gift cards", "rewards"),
    ("birthday rewards", "rewards"),
    ("star redemption", "rewards"),
    ("referral bonuses", "rewards"),
    ("mobile ordering", "app"),
    ("delivery", "app"),
    ("the store locator", "app"),
    ("saved favourites", "app"),
    ("order status alerts", "app"),
    ("digital receipts", "app"),
    ("tumblers", "merch"),
    ("coffee beans", "merch"),
    ("city mugs", "merch"),
    ("tote bags", "merch"),
    ("store seating", "store"),
    ("the drive-thru", "store"),
    ("restrooms", "store"),
    ("power outlets", "store"),
    ("quiet zones", "store"),
    ("pet-friendly patios", "store"),
    ("cup lids", "green"),
    ("packaging", "green"),
    ("paper straws", "green"),
    ("coffee ground recycling", "green"),
    ("reusable cup discounts", "green"),
    ("compostable cutlery", "green"),
];

const ZH_TITLES: &[&str] = &[
    "希望{s}推出更多口味",
    "{s}能不能做得更好一点",
    "建议{s}增加会员专属优惠",
    "{s}在更多城市上线",
    "希望{s}支持个性化定制",
    "{s}的价格能否再亲民一些",
    "恳请恢复{s}",
    "{s}需要改进",
    "关于{s}的一个小建议",
    "{s}可以全年供应吗",
    "让{s}更环保一点",
    "{s}的体验太不稳定了",
    "为{s}增加夜间时段",
    "{s}希望有更多选择",
    "{s}能不能加入积分活动",
    "建议重新设计{s}",
];
const EN_TITLES: &[&str] = &[
    "More flavours for {s}",
    "Improve {s}",
    "Member-only deals on {s}",
    "Bring {s} to more cities",
    "Let us customise {s}",
    "Make {s} more affordable",
    "Please bring back {s}",
    "{s} needs a rethink",
    "A small suggestion about {s}",
    "Keep {s} all year round",
    "Make {s} greener",
    "{s} is inconsistent between stores",
    "Late-night hours for {s}",
    "More choice in {s}",
    "Earn double stars on {s}",
    "Redesign {s}",
];

const ZH_OPENERS: &[&str] = &[
    "我几乎每天都会去门店，关于{s}有一些想法。",
    "最近和朋友聊到{s}，大家的感受都差不多。",
    "作为老会员，我觉得{s}还有很大的提升空间。",
    "上周在两家不同的门店体验了{s}，差别挺大的。",
    "看到很多人都在讨论{s}，我也来说说我的建议。",
    "{s}是我最常用的，但有几点一直困扰我。",
];
const ZH_REASONS: &[&str] = &[
    "现在的选择有点少，尤其是季节性的新品。",
    "价格偏高，经常买有点吃不消。",
    "排队时间太长，高峰期经常要等二十分钟。",
    "不同城市的标准不一样，体验很不稳定。",
    "身边乳糖不耐的朋友很多，希望能照顾到他们。",
    "包装浪费比较多，希望能更环保。",
    "App 里的流程太复杂，要点好几次才能完成。",
    "会员权益没有什么吸引力，积分也不好用。",
];
const ZH_WISHES: &[&str] = &[
    "希望品牌团队能**认真考虑**一下。",
    "如果能实现，我会更常来门店。",
    "可以先在几家门店试点，看看大家的反馈。",
    "愿意参加内测，帮忙提意见。",
    "相信很多粉丝都会支持这个想法。",
    "期待在这里看到官方的回复！",
];
const EN_OPENERS: &[&str] = &[
    "I visit almost every day and have some thoughts about {s}.",
    "My friends and I were talking about {s} and we all feel the same.",
    "As a long-time member, I think {s} could be so much better.",
    "Last week I tried {s} in two different stores and the difference was huge.",
    "Lots of people here are discussing {s}, so here is my suggestion.",
    "I use {s} more than anything else, but a few things keep bugging me.",
];
const EN_REASONS: &[&str] = &[
    "The choice is narrow, especially when it comes to seasonal items.",
    "The price adds up quickly if you buy it every week.",
    "The wait at peak hours is often twenty minutes or more.",
    "Every city seems to do it differently, so the experience is hit and miss.",
    "Many of my friends are lactose intolerant and feel left out.",
    "There is a lot of packaging waste that could easily be avoided.",
    "The flow in the app takes far too many taps.",
    "The member perks are not very exciting and points are hard to use.",
];
const EN_WISHES: &[&str] = &[
    "Please have the team **take a serious look**.",
    "If this happens I would come in more often.",
    "Maybe pilot it in a few stores first and see what fans say.",
    "Happy to join a beta and give feedback.",
    "I am sure lots of fans would back this.",
    "Looking forward to an official answer here!",
];

const ZH_COMMENTS: &[&str] = &[
    "+1，非常需要！",
    "同意，我每周都会买。",
    "这个想法太好了，希望尽快实现。",
    "我身边的朋友也都这么说。",
    "如果能实现我会天天去。",
    "支持！我们公司楼下的门店也有同样的问题。",
    "希望官方能给个时间表。",
    "我觉得可以先从一线城市开始试点。",
    "已投票，坐等上线。",
    "这个真的困扰我很久了。",
    "补充一点：周末的时候情况更严重。",
    "价格合适的话我一定会买。",
];
const EN_COMMENTS: &[&str] = &[
    "+1, I'd use this every day.",
    "Yes please! Same for my whole office.",
    "Great idea, hope the team picks it up.",
    "This would make me visit more often.",
    "Totally agree with this.",
    "Same problem at my local store, every single morning.",
    "Any timeline from the team?",
    "Could start as a pilot in a few big cities.",
    "Voted. Waiting for it to launch.",
    "This has bothered me for ages.",
    "To add to this: weekends are even worse.",
    "At the right price I'd buy it for sure.",
];
const REPLIES: &[&str] = &[
    "对，我也是这么想的。",
    "Agreed, good point.",
    "有同感！",
    "Same here.",
    "说得太对了。",
    "Exactly what I was going to say.",
    "我们那边也一样。",
    "Couldn't agree more.",
];
const ZH_ANSWERS: &[&str] = &[
    "感谢大家的建议！我们已经把它交给了产品团队，进展会在这里更新。",
    "谢谢支持！这个想法正在评估中，我们会尽快给大家答复。",
    "感谢反馈，我们已经和门店运营团队沟通，后续会在这里同步。",
];
const EN_ANSWERS: &[&str] = &[
    "Thanks for all the votes! We've shared this with the product team and will post updates here.",
    "Thank you! This is being reviewed and we'll get back to you soon.",
    "Thanks for the feedback; our store operations team is on it and we'll update this thread.",
];

/// Team notes for each step of a journey, bilingual as the demo's.
pub(super) const NOTE_REVIEW: &str =
    "产品团队正在评估这个想法。Our product team is looking into this.";
pub(super) const NOTE_PLAN: &str =
    "已列入计划，感谢大家的投票！It's on the plan, thank you for voting!";
pub(super) const NOTE_BUILD: &str = "正在试点门店测试中。Now testing in pilot stores.";
pub(super) const NOTE_LAUNCH: &str = "已在全国门店上线，感谢提出这个想法的粉丝！Now in every store. Thank you to the fan who suggested it!";
pub(super) const NOTE_DECLINE: &str = "经过评估，目前无法实现，我们会继续关注。After review we can't do this now, but we are listening.";
pub(super) const NOTE_MERGE: &str = "重复的想法，已合并。Merged as a duplicate.";
pub(super) const INTERNAL_NOTE: &str = "内部备注：供应链评估中，请勿对外承诺日期。Internal: supply chain review pending, no dates to fans yet.";

const ZH_TAGS: &[&str] = &[
    "燕麦",
    "植物奶",
    "低糖",
    "限定",
    "积分",
    "周边",
    "环保",
    "办公",
    "早餐",
    "外送",
    "会员",
    "价格",
];
const EN_TAGS: &[&str] = &[
    "seasonal",
    "vegan",
    "health",
    "menu",
    "ordering",
    "reusable",
    "discount",
    "breakfast",
    "delivery",
    "accessibility",
    "loyalty",
    "price",
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];
const GIVEN: &[&str] = &[
    "晓雨", "子涵", "一诺", "思琪", "浩然", "雨桐", "嘉怡", "梓萱", "俊杰", "欣然", "宇航", "可馨",
    "明轩", "诗涵", "天佑", "若曦", "博文", "佳琪", "子墨", "婉清",
];
const FIRST: &[&str] = &[
    "Alex", "Sam", "Jordan", "Emma", "Liam", "Olivia", "Noah", "Ava", "Mia", "Lucas", "Chloe",
    "Ethan", "Grace", "Leo", "Zoe", "Ruby", "Owen", "Isla", "Max", "Nora",
];
const LAST: &[&str] = &[
    "Smith", "Wong", "Garcia", "Kim", "Brown", "Lee", "Martin", "Nguyen", "Patel", "Silva",
    "Cohen", "Tan", "Müller", "Rossi", "Dubois",
];

/// Which language a piece of text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    Zh,
    En,
}

impl Lang {
    pub(super) fn pick(rng: &mut ChaCha8Rng) -> Lang {
        if rng.random_bool(0.5) {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

fn one<'a>(rng: &mut ChaCha8Rng, pool: &'a [&'a str]) -> &'a str {
    pool.choose(rng).copied().unwrap_or("")
}

/// A subject and its category slug.
pub(super) fn subject(rng: &mut ChaCha8Rng, lang: Lang) -> (&'static str, &'static str) {
    let pool = match lang {
        Lang::Zh => ZH_SUBJECTS,
        Lang::En => EN_SUBJECTS,
    };
    pool.choose(rng).copied().unwrap_or(("咖啡", "drinks"))
}

/// A title about `subject`, 4..=120 characters.
pub(super) fn title(rng: &mut ChaCha8Rng, lang: Lang, subject: &str) -> String {
    let template = one(
        rng,
        if lang == Lang::Zh {
            ZH_TITLES
        } else {
            EN_TITLES
        },
    );
    let t = template.replace("{s}", subject);
    let mut chars = t.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The body paragraphs of an idea about `subject`; joined by blank lines as Markdown.
pub(super) fn body_paragraphs(rng: &mut ChaCha8Rng, lang: Lang, subject: &str) -> Vec<String> {
    let (openers, reasons, wishes) = match lang {
        Lang::Zh => (ZH_OPENERS, ZH_REASONS, ZH_WISHES),
        Lang::En => (EN_OPENERS, EN_REASONS, EN_WISHES),
    };
    let sep = if lang == Lang::Zh { "" } else { " " };
    let mut first = one(rng, openers).replace("{s}", subject);
    first.push_str(sep);
    first.push_str(one(rng, reasons));
    let mut out = vec![first];
    if rng.random_bool(0.5) {
        out.push(one(rng, reasons).to_string());
    }
    out.push(one(rng, wishes).to_string());
    out
}

/// Up to three tags in the idea's language.
pub(super) fn tags(rng: &mut ChaCha8Rng, lang: Lang) -> Vec<&'static str> {
    let pool = if lang == Lang::Zh { ZH_TAGS } else { EN_TAGS };
    let n = rng.random_range(1..=3);
    pool.choose_multiple(rng, n).copied().collect()
}

/// Every tag the generator may use, in a fixed order.
pub(super) fn all_tags() -> impl Iterator<Item = &'static str> {
    ZH_TAGS.iter().chain(EN_TAGS.iter()).copied()
}

/// A fan's comment, or a reply to one.
pub(super) fn comment(rng: &mut ChaCha8Rng, reply: bool) -> &'static str {
    if reply {
        one(rng, REPLIES)
    } else if rng.random_bool(0.5) {
        one(rng, ZH_COMMENTS)
    } else {
        one(rng, EN_COMMENTS)
    }
}

/// The team's official answer.
pub(super) fn official_answer(rng: &mut ChaCha8Rng, lang: Lang) -> &'static str {
    one(
        rng,
        if lang == Lang::Zh {
            ZH_ANSWERS
        } else {
            EN_ANSWERS
        },
    )
}

/// A fan's display name; `n` makes it unique enough to tell fans apart.
pub(super) fn fan_name(rng: &mut ChaCha8Rng, n: usize) -> String {
    if rng.random_bool(0.5) {
        format!("{}{}{}", one(rng, SURNAMES), one(rng, GIVEN), n % 1000)
    } else {
        format!("{} {}{}", one(rng, FIRST), one(rng, LAST), n % 1000)
    }
}
