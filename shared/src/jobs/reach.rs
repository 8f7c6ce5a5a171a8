//! Which workers staff may see as candidates for a job, and how far away they
//! are said to be. Staff choose a job's position, so exact metres from a card
//! to three positions would locate the worker: staff see only coarse bands,
//! and only cards whose areas lie in the job's area or the staff's region.

use super::matching::{Match, Reason};
use crate::unions::region_within;

crate::vocabulary! {
    /// How far a worker is from a job, as staff see it.
    pub enum DistanceBand {
        Under1Km = "under_1_km", "1 公里内", "< 1 km";
        From1To3Km = "1_to_3_km", "1–3 公里", "1–3 km";
        From3To10Km = "3_to_10_km", "3–10 公里", "3–10 km";
        Over10Km = "over_10_km", "10 公里以上", "> 10 km";
    }
}

impl DistanceBand {
    /// The band of a distance in metres (each band includes its upper bound's start).
    pub fn of_m(m: u32) -> DistanceBand {
        match m {
            0..=999 => DistanceBand::Under1Km,
            1_000..=2_999 => DistanceBand::From1To3Km,
            3_000..=9_999 => DistanceBand::From3To10Km,
            _ => DistanceBand::Over10Km,
        }
    }
}

/// A card area lies in the job's area: it names the job's district (蜀山 ~ 蜀山区)
/// or is the division code of the employer's region.
fn in_job_area(area: &str, district: &str, job_region: &str) -> bool {
    let (a, d) = (area.trim(), district.trim());
    let code = a.len() == 6 && a.bytes().all(|b| b.is_ascii_digit());
    if code {
        return !job_region.is_empty() && region_within(a, Some(job_region));
    }
    !a.is_empty() && !d.is_empty() && (d.contains(a) || a.contains(d))
}

/// Where the staff member may look for workers beyond the job's own area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffReach<'a> {
    /// Platform admins: every region.
    Everywhere,
    /// Union staff: the division code of their union's region (none set: none).
    Region(Option<&'a str>),
}

/// Whether a card with these areas may be a candidate for a job in `district`
/// (division code `job_region`) shown to staff with `reach`. A card that names
/// no area is offered to platform admins only.
pub fn card_in_reach(
    areas: &[String],
    district: &str,
    job_region: &str,
    reach: StaffReach,
) -> bool {
    if reach == StaffReach::Everywhere {
        return true;
    }
    let region = match reach {
        StaffReach::Region(r) => r.filter(|r| !r.is_empty()),
        StaffReach::Everywhere => None,
    };
    areas.iter().any(|a| {
        in_job_area(a, district, job_region)
            || region.is_some_and(|r| {
                a.trim().bytes().all(|b| b.is_ascii_digit()) && region_within(a.trim(), Some(r))
            })
    })
}

impl Match {
    /// The match as staff see it: no metres, the distance as a band.
    pub fn banded(self) -> Match {
        let reasons = self
            .reasons
            .into_iter()
            .map(|r| match r {
                Reason::Distance { m } => Reason::DistanceBand {
                    band: DistanceBand::of_m(m),
                },
                r => r,
            })
            .collect();
        Match {
            reasons,
            distance_m: None,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metres_fall_into_coarse_bands() {
        let bands: Vec<_> = [0, 999, 1_000, 2_999, 3_000, 9_999, 10_000, 400_000]
            .map(DistanceBand::of_m)
            .into();
        use DistanceBand::*;
        assert_eq!(
            bands,
            [
                Under1Km,
                Under1Km,
                From1To3Km,
                From1To3Km,
                From3To10Km,
                From3To10Km,
                Over10Km,
                Over10Km
            ]
        );
        assert_eq!(Under1Km.label().en, "< 1 km");
        assert_eq!(From3To10Km.label().zh, "3–10 公里");
    }

    #[test]
    fn staff_see_bands_never_metres() {
        let m = Match {
            score: 80,
            reasons: vec![Reason::SameTrade, Reason::Distance { m: 3_240 }],
            distance_m: Some(3_240),
        }
        .banded();
        assert_eq!(m.distance_m, None);
        assert_eq!(
            m.reasons[1],
            Reason::DistanceBand {
                band: DistanceBand::From3To10Km
            }
        );
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            !json.contains("3240") && !json.contains("distance_m"),
            "{json}"
        );
        assert_eq!(m.summary().en, "Same trade · 3–10 km");
    }

    #[test]
    fn cards_in_reach_lie_in_the_jobs_area_or_the_staff_region() {
        let areas = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let union = StaffReach::Region(Some("340100")); // 合肥市
                                                        // The job's district by name, or its division code.
        assert!(card_in_reach(&areas(&["蜀山"]), "蜀山区", "340104", union));
        assert!(card_in_reach(
            &areas(&["340104"]),
            "蜀山区",
            "340104",
            StaffReach::Region(None)
        ));
        // Inside the staff's city, by code.
        assert!(card_in_reach(
            &areas(&["340111"]),
            "蜀山区",
            "340104",
            union
        ));
        // Another province, another district's name, no area at all: not candidates.
        assert!(!card_in_reach(
            &areas(&["440305"]),
            "蜀山区",
            "340104",
            union
        ));
        assert!(!card_in_reach(
            &areas(&["南山区"]),
            "蜀山区",
            "340104",
            union
        ));
        assert!(!card_in_reach(&[], "蜀山区", "340104", union));
        // A union without a region code reaches only the job's area.
        assert!(!card_in_reach(
            &areas(&["340111"]),
            "蜀山区",
            "340104",
            StaffReach::Region(Some(""))
        ));
        // Platform admins see every card.
        assert!(card_in_reach(
            &[],
            "蜀山区",
            "340104",
            StaffReach::Everywhere
        ));
    }
}
