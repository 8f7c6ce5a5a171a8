//! The fixed list of trades (工种) used by enrolment, job posts, job cards and
//! matching. Codes are stable and stored in D1; labels are for people.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TradeGroup {
    Construction,
    Logistics,
    Services,
    Manufacturing,
    Other,
}

/// Declares `Trade` with `crate::vocabulary!` and the group of each trade.
macro_rules! trades {
    ($($variant:ident = $code:literal, $group:ident, $zh:literal, $en:literal;)*) => {
        crate::vocabulary! {
            /// A trade (工种).
            pub enum Trade { $($variant = $code, $zh, $en;)* }
        }

        impl Trade {
            pub fn group(self) -> TradeGroup {
                match self { $(Trade::$variant => TradeGroup::$group,)* }
            }
        }
    };
}

trades! {
    Carpenter = "carpenter", Construction, "木工", "Carpenter";
    RebarWorker = "rebar_worker", Construction, "钢筋工", "Rebar worker";
    Mason = "mason", Construction, "瓦工", "Mason / bricklayer";
    ConcreteWorker = "concrete_worker", Construction, "混凝土工", "Concrete worker";
    Scaffolder = "scaffolder", Construction, "架子工", "Scaffolder";
    Welder = "welder", Construction, "电焊工", "Welder";
    Electrician = "electrician", Construction, "电工", "Electrician";
    Plumber = "plumber", Construction, "水暖工", "Plumber";
    Painter = "painter", Construction, "油漆工", "Painter";
    Plasterer = "plasterer", Construction, "抹灰工", "Plasterer";
    Labourer = "labourer", Construction, "普工(小工)", "General labourer";
    CraneOperator = "crane_operator", Construction, "塔吊司机", "Tower-crane operator";
    ExcavatorOperator = "excavator_operator", Construction, "挖掘机司机", "Excavator operator";
    DeliveryRider = "delivery_rider", Logistics, "外卖骑手", "Food-delivery rider";
    Courier = "courier", Logistics, "快递员", "Courier";
    TruckDriver = "truck_driver", Logistics, "货车司机", "Truck driver";
    RideHailingDriver = "ride_hailing_driver", Logistics, "网约车司机", "Ride-hailing driver";
    WarehouseWorker = "warehouse_worker", Logistics, "仓储分拣员", "Warehouse sorter";
    DomesticWorker = "domestic_worker", Services, "家政服务员", "Domestic worker";
    Childcare = "childcare", Services, "育婴员", "Childcare worker";
    ElderCare = "elder_care", Services, "养老护理员", "Elder-care worker";
    Cleaner = "cleaner", Services, "保洁员", "Cleaner";
    SanitationWorker = "sanitation_worker", Services, "环卫工", "Sanitation worker";
    SecurityGuard = "security_guard", Services, "保安", "Security guard";
    Cook = "cook", Services, "厨师", "Cook";
    KitchenHelper = "kitchen_helper", Services, "帮厨", "Kitchen helper";
    AssemblyWorker = "assembly_worker", Manufacturing, "流水线操作工", "Assembly-line worker";
    SewingWorker = "sewing_worker", Manufacturing, "缝纫工", "Sewing worker";
    MachineOperator = "machine_operator", Manufacturing, "机床操作工", "Machine operator";
    Other = "other", Other, "其他", "Other";
    // Appended later (codes and mask bits are stored, so new trades only ever go
    // at the end): the care and food trades the unions' free courses teach.
    LactationConsultant = "lactation_consultant", Services, "催乳师", "Lactation consultant";
    PastryCook = "pastry_cook", Services, "面点师", "Pastry cook";
}

impl Trade {
    /// Finds trades whose Chinese or English label contains `text` (for search
    /// boxes where a worker types "木工" or "电焊").
    pub fn matching(text: &str) -> Vec<Trade> {
        let needle = text.trim();
        if needle.is_empty() {
            return Vec::new();
        }
        let lower = needle.to_lowercase();
        Trade::ALL
            .iter()
            .copied()
            .filter(|t| {
                let l = t.label();
                l.zh.contains(needle)
                    || needle.contains(l.zh.split('(').next().unwrap_or(""))
                    || l.en.to_lowercase().contains(&lower)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for t in Trade::ALL {
            assert!(seen.insert(t.code()));
            assert_eq!(Trade::parse(t.code()), Some(*t));
            assert_eq!(serde_json::to_value(t).unwrap(), t.code());
        }
        assert_eq!(Trade::parse("astronaut"), None);
    }

    #[test]
    fn the_first_trades_keep_their_places() {
        // Positions are mask bits stored in D1: appending is the only change allowed.
        assert_eq!(Trade::ALL[0], Trade::Carpenter);
        assert_eq!(Trade::ALL[29], Trade::Other);
        assert_eq!(Trade::ALL[30], Trade::LactationConsultant);
        assert_eq!(Trade::ALL[31], Trade::PastryCook);
    }

    #[test]
    fn two_character_trade_names_are_found() {
        assert_eq!(Trade::matching("木工"), vec![Trade::Carpenter]);
        assert!(Trade::matching("电焊").contains(&Trade::Welder));
        assert!(Trade::matching("电焊工").contains(&Trade::Welder));
        assert!(Trade::matching("rider").contains(&Trade::DeliveryRider));
        assert_eq!(Trade::matching("催乳"), vec![Trade::LactationConsultant]);
        assert_eq!(Trade::matching("面点"), vec![Trade::PastryCook]);
        assert!(Trade::matching("").is_empty());
    }
}
