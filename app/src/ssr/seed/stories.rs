//! The demo case histories as data: who works each agency's cases, the offences, and the
//! stories, each a case told as a list of [chapters](super::chapters).
//!
//! Every story starts with the case registered and its party added on day 0; it then takes
//! its chapters in order and stops where its last chapter ends.

use super::chapters::*;

/// The officers (first and second) and head of an enforcement agency, and where its demo cases
/// come from.
pub(super) struct Team {
    pub(super) code: &'static str,
    pub(super) officer: &'static str,
    pub(super) second: &'static str,
    pub(super) head: &'static str,
    pub(super) source: &'static str,
}

pub(super) const SCJG: Team = Team {
    code: "SCJG",
    officer: "officer.zhang",
    second: "officer.li",
    head: "head.scjg",
    source: "inspection",
};
pub(super) const CGZF: Team = Team {
    code: "CGZF",
    officer: "officer.wang",
    second: "officer.chen",
    head: "head.cgzf",
    source: "complaint_or_report",
};
pub(super) const STHJ: Team = Team {
    code: "STHJ",
    officer: "officer.zhao",
    second: "officer.qian",
    head: "head.sthj",
    source: "transfer",
};
/// The enforcement agencies' teams.
pub(super) const TEAMS: [Team; 3] = [SCJG, CGZF, STHJ];

/// What a party did, where, and who the party is.
pub(super) struct Offence {
    pub(super) title: &'static str,
    pub(super) place: &'static str,
    pub(super) party: Party,
    /// The provision violated (APL Art. 59); demo citations, for illustration.
    pub(super) violated: &'static str,
    /// The provision the penalty is imposed under.
    pub(super) applied: &'static str,
}

/// A party: an organisation with its credit code, or a natural person with an identity number.
pub(super) enum Party {
    Organisation {
        name: &'static str,
        credit_code: &'static str,
    },
    Person {
        name: &'static str,
        id_number: &'static str,
    },
}

impl Party {
    /// The party's name.
    pub(super) fn name(&self) -> &'static str {
        match self {
            Party::Organisation { name, .. } | Party::Person { name, .. } => name,
        }
    }
}

const fn organisation(name: &'static str, credit_code: &'static str) -> Party {
    Party::Organisation { name, credit_code }
}

const fn person(name: &'static str, id_number: &'static str) -> Party {
    Party::Person { name, id_number }
}

const EXPIRED_FOOD: Offence = Offence {
    title: "销售过期食品",
    place: "临江市解放路 18 号惠民超市",
    party: organisation("临江市惠民超市有限公司", "91339900MA2B3C4D5F"),
    violated: "《中华人民共和国食品安全法》第三十四条第十项",
    applied: "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
};
const UNMARKED_PRICES: Offence = Offence {
    title: "未按规定明码标价",
    place: "临江市人民路 66 号",
    party: organisation("临江市鑫源商贸有限公司", "91339900MA2C7D8E9C"),
    violated: "《中华人民共和国价格法》第十三条第一款",
    applied: "《中华人民共和国价格法》第四十二条",
};
const FAULTY_CABLE: Offence = Offence {
    title: "生产销售不合格电线",
    place: "临江市经济开发区 12 幢",
    party: organisation("临江市光明电缆有限公司", "91339900MA2D1E2F34"),
    violated: "《中华人民共和国产品质量法》第十三条第二款",
    applied: "《中华人民共和国产品质量法》第四十九条",
};
const STREET_STALL: Offence = Offence {
    title: "占道经营",
    place: "临江市中山路与北京路交叉口",
    party: person("陈建国", "110101199003071516"),
    violated: "《城市市容和环境卫生管理条例》第十四条",
    applied: "《城市市容和环境卫生管理条例》第三十六条第二项",
};
const FLYPOSTING: Offence = Offence {
    title: "违规张贴小广告",
    place: "临江市文化广场东侧",
    party: person("李秀英", "110101198512120019"),
    violated: "《城市市容和环境卫生管理条例》第十七条第一款",
    applied: "《城市市容和环境卫生管理条例》第三十四条第四项",
};
const UNCOVERED_SPOIL: Offence = Offence {
    title: "建筑垃圾未覆盖运输",
    place: "临江市滨江大道",
    party: organisation("临江市通达运输有限公司", "91339900MA2E4F5G6G"),
    violated: "《中华人民共和国固体废物污染环境防治法》第六十一条第二款",
    applied: "《中华人民共和国固体废物污染环境防治法》第一百一十一条第一款第五项",
};
const WASTEWATER: Offence = Offence {
    title: "超标排放废水",
    place: "临江市沙河桥下游",
    party: organisation("临江市宏达化工有限公司", "91339900MA2F7G8H9W"),
    violated: "《中华人民共和国水污染防治法》第十条",
    applied: "《中华人民共和国水污染防治法》第八十三条第二项",
};
const UNAPPROVED_BUILDING: Offence = Offence {
    title: "未批先建",
    place: "临江市临港工业园 5 号地块",
    party: organisation("临江市恒远新材料有限公司", "91339900MA2G1H2J3L"),
    violated: "《中华人民共和国环境影响评价法》第二十五条",
    applied: "《中华人民共和国环境影响评价法》第三十一条第一款",
};
const COOKING_FUMES: Offence = Offence {
    title: "餐饮油烟直排",
    place: "临江市美食街 9 号",
    party: person("王志强", "110101197706060638"),
    violated: "《中华人民共和国大气污染防治法》第八十一条第一款",
    applied: "《中华人民共和国大气污染防治法》第一百一十八条第一款",
};
const FALSE_ADVERTISING: Offence = Offence {
    title: "虚假宣传",
    place: "临江市网络交易平台",
    party: organisation("临江市优品电子商务有限公司", "91339900MA2H4J5K61"),
    violated: "《中华人民共和国反不正当竞争法》第八条第一款",
    applied: "《中华人民共和国反不正当竞争法》第二十条第一款",
};
const ROAD_DIGGING: Offence = Offence {
    title: "擅自挖掘城市道路",
    place: "临江市东风路 200 米",
    party: organisation("临江市市政建设工程有限公司", "91339900MA2J7K8L9D"),
    violated: "《城市道路管理条例》第三十三条第一款",
    applied: "《城市道路管理条例》第四十二条第二项",
};
const HAZARDOUS_WASTE: Offence = Offence {
    title: "危险废物未规范贮存",
    place: "临江市临港工业园 8 号",
    party: organisation("临江市金源化工有限公司", "91339900MA2K1L2M35"),
    violated: "《中华人民共和国固体废物污染环境防治法》第八十一条第二款",
    applied: "《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第六项",
};

/// The first-violation waivers' parties have no earlier decision for the same violation (the
/// waiver is refused otherwise, APL Art. 33 ¶1).
const COOKING_FUMES_FIRST: Offence = Offence {
    title: "餐饮油烟直排",
    place: "临江市美食街 15 号",
    party: person("赵丽华", "110101197911081024"),
    violated: "《中华人民共和国大气污染防治法》第八十一条第一款",
    applied: "《中华人民共和国大气污染防治法》第一百一十八条第一款",
};
const ROAD_DIGGING_FIRST: Offence = Offence {
    title: "擅自挖掘城市道路",
    place: "临江市南湖路 300 米",
    party: organisation("临江市路桥养护有限公司", "91339900MA2L3M4N51"),
    violated: "《城市道路管理条例》第三十三条第一款",
    applied: "《城市道路管理条例》第四十二条第二项",
};
const UNLICENSED_FOOD_AGAIN: Offence = Offence {
    title: "食品经营者屡次经营超过保质期的食品",
    place: "临江市西湖路 27 号便民食品店",
    party: person("周美玲", "110101198805141235"),
    violated: "《中华人民共和国食品安全法》第三十四条第十项",
    applied: "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
};

/// A demo case: its agency's team, when it was registered, the offence, the fine in yuan (used
/// where its chapters fine) and its chapters.
pub(super) struct Story {
    pub(super) team: &'static Team,
    pub(super) days_ago: i64,
    pub(super) offence: &'static Offence,
    pub(super) fine_yuan: i64,
    pub(super) chapters: &'static [Chapter],
}

/// The demo cases, in seeding order: every state, both ends of each twist (declined, suspended,
/// withdrawn, transferred, major, returned by the legal review, heard, not punished), some
/// overdue.
pub(super) const STORIES: [Story; 37] = [
    Story {
        team: &SCJG,
        days_ago: 2,
        offence: &EXPIRED_FOOD,
        fine_yuan: 8_000,
        chapters: &[],
    },
    Story {
        team: &CGZF,
        days_ago: 20,
        offence: &FLYPOSTING,
        fine_yuan: 200,
        chapters: &[],
    },
    Story {
        team: &STHJ,
        days_ago: 3,
        offence: &COOKING_FUMES,
        fine_yuan: 5_000,
        chapters: &[FILE],
    },
    Story {
        team: &SCJG,
        days_ago: 5,
        offence: &UNMARKED_PRICES,
        fine_yuan: 3_000,
        chapters: &[FILE, APPROVE],
    },
    Story {
        team: &CGZF,
        days_ago: 10,
        offence: &UNCOVERED_SPOIL,
        fine_yuan: 20_000,
        chapters: &[FILE, APPROVE, INVESTIGATE],
    },
    Story {
        team: &STHJ,
        days_ago: 95,
        offence: &FALSE_ADVERTISING,
        fine_yuan: 30_000,
        chapters: &[FILE, APPROVE, INVESTIGATE],
    },
    Story {
        team: &SCJG,
        days_ago: 86,
        offence: &FAULTY_CABLE,
        fine_yuan: 60_000,
        chapters: &[FILE, APPROVE, INVESTIGATE],
    },
    Story {
        team: &CGZF,
        days_ago: 40,
        offence: &WASTEWATER,
        fine_yuan: 150_000,
        chapters: &[FILE, APPROVE, INVESTIGATE, SUSPEND],
    },
    Story {
        team: &STHJ,
        days_ago: 30,
        offence: &ROAD_DIGGING,
        fine_yuan: 10_000,
        chapters: &[FILE, APPROVE, INVESTIGATE, CONCLUDE],
    },
    Story {
        team: &SCJG,
        days_ago: 35,
        offence: &STREET_STALL,
        fine_yuan: 500,
        chapters: &[FILE, APPROVE, INVESTIGATE, CONCLUDE_MAJOR],
    },
    Story {
        team: &CGZF,
        days_ago: 45,
        offence: &UNAPPROVED_BUILDING,
        fine_yuan: 80_000,
        chapters: &[FILE, APPROVE, INVESTIGATE, CONCLUDE_MAJOR, REVIEW_RETURNED],
    },
    Story {
        team: &STHJ,
        days_ago: 25,
        offence: &HAZARDOUS_WASTE,
        fine_yuan: 100_000,
        chapters: &[FILE, APPROVE, INVESTIGATE, CONCLUDE, PRIOR_NOTICE],
    },
    Story {
        team: &SCJG,
        days_ago: 50,
        offence: &EXPIRED_FOOD,
        fine_yuan: 60_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            REQUEST_HEARING,
        ],
    },
    Story {
        team: &CGZF,
        days_ago: 60,
        offence: &FLYPOSTING,
        fine_yuan: 200,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
        ],
    },
    Story {
        team: &STHJ,
        days_ago: 40,
        offence: &COOKING_FUMES_FIRST,
        fine_yuan: 5_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE_WAIVER,
            DECIDE_NO_PENALTY,
        ],
    },
    Story {
        team: &SCJG,
        days_ago: 70,
        offence: &UNMARKED_PRICES,
        fine_yuan: 3_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
            SERVE,
        ],
    },
    Story {
        team: &CGZF,
        days_ago: 120,
        offence: &UNCOVERED_SPOIL,
        fine_yuan: 20_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
            SERVE,
        ],
    },
    Story {
        team: &STHJ,
        days_ago: 80,
        offence: &FALSE_ADVERTISING,
        fine_yuan: 30_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
            SERVE,
            PAY_HALF,
        ],
    },
    Story {
        team: &SCJG,
        days_ago: 100,
        offence: &FAULTY_CABLE,
        fine_yuan: 60_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
            SERVE,
            PAY,
            CLOSE_EXECUTED,
        ],
    },
    Story {
        team: &CGZF,
        days_ago: 60,
        offence: &WASTEWATER,
        fine_yuan: 150_000,
        chapters: &[FILE, APPROVE, INVESTIGATE, CONCLUDE_TRANSFER, TRANSFER],
    },
    Story {
        team: &STHJ,
        days_ago: 150,
        offence: &ROAD_DIGGING,
        fine_yuan: 10_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
            SERVE,
            PAY,
            CLOSE_EXECUTED,
            ARCHIVE,
        ],
    },
    Story {
        team: &SCJG,
        days_ago: 200,
        offence: &STREET_STALL,
        fine_yuan: 500,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
            SERVE,
            PAY,
            CLOSE_EXECUTED,
            ARCHIVE,
        ],
    },
    Story {
        team: &CGZF,
        days_ago: 90,
        offence: &UNAPPROVED_BUILDING,
        fine_yuan: 80_000,
        chapters: &[FILE, APPROVE, INVESTIGATE, WITHDRAW],
    },
    Story {
        team: &STHJ,
        days_ago: 15,
        offence: &HAZARDOUS_WASTE,
        fine_yuan: 100_000,
        chapters: &[DECLINE],
    },
    Story {
        team: &SCJG,
        days_ago: 12,
        offence: &EXPIRED_FOOD,
        fine_yuan: 8_000,
        chapters: &[FILE, APPROVE, INVESTIGATE],
    },
    Story {
        team: &CGZF,
        days_ago: 18,
        offence: &FLYPOSTING,
        fine_yuan: 200,
        chapters: &[FILE, APPROVE, INVESTIGATE, CONCLUDE],
    },
    Story {
        team: &STHJ,
        days_ago: 75,
        offence: &COOKING_FUMES,
        fine_yuan: 5_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE_MAJOR,
            REVIEW_APPROVED,
            PRIOR_NOTICE,
            WAIVE,
            DISCUSS,
            DECIDE,
        ],
    },
    Story {
        team: &SCJG,
        days_ago: 160,
        offence: &UNMARKED_PRICES,
        fine_yuan: 60_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            REQUEST_HEARING,
            HEARING,
            DISCUSS,
            DECIDE,
            SERVE,
            PAY,
            CLOSE_EXECUTED,
            ARCHIVE,
        ],
    },
    Story {
        team: &CGZF,
        days_ago: 40,
        offence: &UNCOVERED_SPOIL,
        fine_yuan: 20_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
            SERVE,
        ],
    },
    Story {
        team: &STHJ,
        days_ago: 1,
        offence: &FALSE_ADVERTISING,
        fine_yuan: 30_000,
        chapters: &[FILE, APPROVE],
    },
    Story {
        team: &SCJG,
        days_ago: 6,
        offence: &FAULTY_CABLE,
        fine_yuan: 60_000,
        chapters: &[FILE, APPROVE, INVESTIGATE],
    },
    Story {
        team: &CGZF,
        days_ago: 14,
        offence: &WASTEWATER,
        fine_yuan: 150_000,
        chapters: &[FILE, APPROVE, INVESTIGATE, CONCLUDE, PRIOR_NOTICE],
    },
    Story {
        team: &STHJ,
        days_ago: 110,
        offence: &ROAD_DIGGING_FIRST,
        fine_yuan: 10_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE_WAIVER,
            DECIDE_NO_PENALTY,
            SERVE_NOT_PUNISHED,
            CLOSE_NOT_PUNISHED,
        ],
    },
    Story {
        team: &SCJG,
        days_ago: 130,
        offence: &STREET_STALL,
        fine_yuan: 500,
        chapters: &[FILE, APPROVE, INVESTIGATE, SUSPEND],
    },
    Story {
        team: &CGZF,
        days_ago: 25,
        offence: &UNAPPROVED_BUILDING,
        fine_yuan: 80_000,
        chapters: &[FILE],
    },
    Story {
        team: &STHJ,
        days_ago: 45,
        offence: &HAZARDOUS_WASTE,
        fine_yuan: 100_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE,
            PRIOR_NOTICE,
            WAIVE,
            DECIDE,
            SERVE,
            PAY_HALF,
        ],
    },
    // Licence revocation with a small fine: the hearing right comes from the revocation
    // (APL Art. 63 ¶1(3)), the party asks for one, and the decision follows the hearing.
    Story {
        team: &SCJG,
        days_ago: 70,
        offence: &UNLICENSED_FOOD_AGAIN,
        fine_yuan: 3_000,
        chapters: &[
            FILE,
            APPROVE,
            INVESTIGATE,
            CONCLUDE_REVOCATION,
            REVIEW_APPROVED,
            PRIOR_NOTICE,
            REQUEST_HEARING,
            HEARING,
            DISCUSS,
            DECIDE,
            SERVE,
        ],
    },
];
