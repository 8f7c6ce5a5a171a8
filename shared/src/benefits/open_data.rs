//! Open programmes as Open Referral HSDS 3.0 `service` records: the name and
//! eligibility in plain words, the `application_process`, the
//! `required_documents`, the `service_areas` (the running union's subtree, and
//! the area whose gig workers may apply), and the `assured_date` (the day staff
//! last changed the programme). Public facts only: no applications, no names.

use super::programme::Programme;
#[cfg(feature = "server")]
use super::programme::WhoMayApply;
use crate::api::ListMeta;
use crate::stations::open_data::HsdsOrganization;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsRequiredDocument {
    pub id: String,
    pub service_id: String,
    pub document: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsServiceArea {
    pub id: String,
    pub service_id: String,
    pub name: String,
    pub description: String,
}

/// One programme as an HSDS 3.0 `service`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsProgramme {
    pub id: String,
    pub name: String,
    /// The kind (and campaign) and the amount rule, in Chinese.
    pub description: String,
    /// `active` while open; a paused programme is `temporarily closed`.
    pub status: String,
    pub eligibility_description: String,
    /// How to apply and what happens next.
    pub application_process: String,
    /// Free: programmes never charge.
    pub fees_description: String,
    /// `YYYY-MM-DD`, Asia/Shanghai: when staff last changed the programme.
    pub assured_date: String,
    pub organization: HsdsOrganization,
    pub required_documents: Vec<HsdsRequiredDocument>,
    pub service_areas: Vec<HsdsServiceArea>,
}

/// `GET /api/open-data/benefits.json`: every open programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HsdsProgrammeDataset {
    pub title: String,
    pub license: String,
    pub hsds_version: String,
    pub generated_at: String,
    pub services: Vec<HsdsProgramme>,
    pub meta: ListMeta,
}

/// The steps of applying, in plain words.
pub fn application_process(p: &Programme) -> String {
    let notice = match p.notice_days {
        Some(n) => format!("审核通过后公示{n}天,"),
        None => String::new(),
    };
    format!(
        "在工友驿站“服务”里找到本项目,{}至{}之间在手机上填写申请(会员信息自动带入),按要求拍照上传材料。{}工会审核,{notice}批准后发放,每一步都有短信通知。",
        p.opens_on, p.closes_on, p.union.name
    )
}

#[cfg(feature = "server")]
/// The HSDS record of a programme; `assured_date` is the Shanghai date of its last change.
pub fn service(p: &Programme, assured_date: &str) -> HsdsProgramme {
    use crate::stations::open_data::stable_id;
    let id = stable_id("benefit_programme", &p.id.to_string());
    let kind = match p.campaign {
        Some(c) => format!("{}·{}", p.kind.label().zh, c.label().zh),
        None => p.kind.label().zh.to_string(),
    };
    let mut areas = vec![HsdsServiceArea {
        id: stable_id("service_area", &format!("{}/union", p.id)),
        service_id: id.clone(),
        name: p.union.name.clone(),
        description: format!("{}及下属工会的会员", p.union.name),
    }];
    if let (WhoMayApply::MembersAndGigWorkers, Some(r)) = (p.who_may_apply, &p.region_code) {
        areas.push(HsdsServiceArea {
            id: stable_id("service_area", &format!("{}/region/{r}", p.id)),
            service_id: id.clone(),
            name: r.clone(),
            description: format!("行政区划代码{r}地区的新就业形态劳动者"),
        });
    }
    HsdsProgramme {
        description: format!("{kind}:{}", p.amount.text().zh),
        status: match p.status {
            super::ProgrammeStatus::Open => "active",
            super::ProgrammeStatus::Paused => "temporarily closed",
            super::ProgrammeStatus::Closed => "defunct",
        }
        .into(),
        eligibility_description: p.eligibility.clone(),
        application_process: application_process(p),
        fees_description: "免费".into(),
        assured_date: assured_date.to_string(),
        organization: HsdsOrganization {
            id: stable_id("organization", &p.union.id.to_string()),
            name: p.union.name.clone(),
            description: format!("{}(工会代码 {})", p.union.name, p.union.code),
        },
        required_documents: p
            .required_documents
            .iter()
            .enumerate()
            .map(|(i, d)| HsdsRequiredDocument {
                id: stable_id("required_document", &format!("{}/{i}", p.id)),
                service_id: id.clone(),
                document: d.clone(),
            })
            .collect(),
        service_areas: areas,
        name: p.name.clone(),
        id,
    }
}
