//! The fixed vocabularies of stations: their types and their amenities.

/// Declares a station vocabulary with `crate::vocabulary!` and its icons.
macro_rules! station_vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $zh:literal, $en:literal, $icon:literal;)* }) => {
        crate::vocabulary! {
            $(#[$meta])*
            pub enum $name { $($variant = $code, $zh, $en;)* }
        }

        impl $name {
            /// A small picture for lists and chips (an emoji: no icon font to download).
            pub fn icon(self) -> &'static str {
                match self { $($name::$variant => $icon,)* }
            }

            /// What people type in a spreadsheet or a link: the code, or the
            /// Chinese or English label.
            pub fn from_text(s: &str) -> Option<$name> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| {
                    let l = v.label();
                    v.code() == s || l.zh == s || l.en.eq_ignore_ascii_case(s)
                })
            }
        }
    };
}

station_vocabulary! {
    /// What kind of place a station is.
    StationType {
        UnionStation = "union_station", "工会驿站", "Union station", "🏠";
        OutdoorWorkerStation = "outdoor_worker_station", "户外劳动者服务站点", "Outdoor workers' station", "⛱";
        CaringStation = "caring_station", "爱心驿站", "Caring station", "💗";
        HappinessStation = "happiness_station", "幸福驿站", "Happiness station", "😊";
        OneYuanDormitory = "one_yuan_dormitory", "一元公寓", "1-yuan dormitory", "🛏";
        WorkersCanteen = "workers_canteen", "工友餐厅", "Workers' canteen", "🍚";
        LegalServiceStation = "legal_service_station", "法律服务站", "Legal service station", "⚖";
        WorkersLibrary = "workers_library", "职工书屋", "Workers' library", "📚";
    }
}

station_vocabulary! {
    /// What a station offers. Bit positions are the order here; never reorder.
    Amenity {
        Rest = "rest", "歇脚", "Rest", "🪑";
        Toilet = "toilet", "厕所", "Toilet", "🚻";
        DrinkingWater = "drinking_water", "饮用水", "Drinking water", "🚰";
        CoolingHeating = "cooling_heating", "空调取暖", "Cooling/heating", "❄";
        Microwave = "microwave", "微波炉热饭", "Microwave", "🍱";
        PhoneCharging = "phone_charging", "手机充电", "Phone charging", "🔌";
        BatterySwap = "battery_swap", "电瓶换电", "E-bike battery swap", "🔋";
        Reading = "reading", "看书", "Reading", "📖";
        FirstAid = "first_aid", "急救药箱", "First-aid kit", "⛑";
        Wifi = "wifi", "无线网", "Wi-Fi", "📶";
        MotherBabyRoom = "mother_baby_room", "母婴室", "Mother-and-baby room", "🍼";
        Toolbox = "toolbox", "工具箱", "Toolbox", "🧰";
        Haircut = "haircut", "理发", "Haircut", "💈";
        DiscountedMeals = "discounted_meals", "优惠餐", "Discounted meals", "🥢";
        LegalHelp = "legal_help", "法律帮助", "Legal help", "📜";
        DonationCorner = "donation_corner", "爱心互献", "Donated-items corner", "🎁";
    }
}

/// A set of amenities, stored in D1 as an integer bitmask so a filter is
/// `amenities & ?mask = ?mask` (bit i = `Amenity::ALL[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct AmenitySet(pub u32);

impl AmenitySet {
    pub fn bit(a: Amenity) -> u32 {
        1 << Amenity::ALL.iter().position(|x| *x == a).expect("in ALL")
    }

    pub fn of(amenities: &[Amenity]) -> AmenitySet {
        AmenitySet(amenities.iter().fold(0, |m, a| m | Self::bit(*a)))
    }

    pub fn contains(self, a: Amenity) -> bool {
        self.0 & Self::bit(a) != 0
    }

    pub fn contains_all(self, other: AmenitySet) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn to_vec(self) -> Vec<Amenity> {
        Amenity::ALL
            .iter()
            .copied()
            .filter(|a| self.contains(*a))
            .collect()
    }
}

crate::vocabulary! {
    /// Whether a station is in service.
    #[derive(Default)]
    pub enum StationStatus {
        #[default]
        Active = "active", "正常开放", "Open for service";
        TemporarilyClosed = "temporarily_closed", "暂停开放", "Temporarily closed";
        /// Gone for good; kept for the record, never shown to workers.
        Defunct = "defunct", "已撤销", "Closed for good";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn vocabularies_are_complete_and_unique() {
        assert_eq!(StationType::ALL.len(), 8);
        assert_eq!(Amenity::ALL.len(), 16);
        let codes: HashSet<_> = Amenity::ALL.iter().map(|a| a.code()).collect();
        assert_eq!(codes.len(), 16);
        for a in Amenity::ALL {
            assert_eq!(Amenity::parse(a.code()), Some(*a));
            assert_eq!(Amenity::from_text(&a.label().zh), Some(*a));
            assert_eq!(serde_json::to_value(a).unwrap(), a.code());
        }
        assert_eq!(
            StationType::from_text("一元公寓"),
            Some(StationType::OneYuanDormitory)
        );
    }

    #[test]
    fn amenity_bits_are_stable() {
        // Stored in D1: these positions must never change.
        assert_eq!(AmenitySet::bit(Amenity::Rest), 1);
        assert_eq!(AmenitySet::bit(Amenity::Toilet), 2);
        assert_eq!(AmenitySet::bit(Amenity::DonationCorner), 1 << 15);
        let s = AmenitySet::of(&[Amenity::Toilet, Amenity::Microwave]);
        assert!(s.contains(Amenity::Toilet) && !s.contains(Amenity::Wifi));
        assert!(s.contains_all(AmenitySet::of(&[Amenity::Microwave])));
        assert!(!s.contains_all(AmenitySet::of(&[Amenity::Microwave, Amenity::Wifi])));
        assert_eq!(s.to_vec(), vec![Amenity::Toilet, Amenity::Microwave]);
    }
}
