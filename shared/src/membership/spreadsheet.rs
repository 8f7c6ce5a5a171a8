//! The columns of the staff's member and enrolment-application exports (CSV,
//! see `server::spreadsheet`): Chinese headings, labels as staff read them on
//! screen, ID numbers masked as everywhere else.

use super::api::{MemberRow, ReviewItem};

pub const MEMBER_HEADING: &[&str] = &[
    "会员编号",
    "姓名",
    "身份证号(隐去)",
    "工会",
    "状态",
    "工种",
    "入会日期",
];

pub fn member_cells(m: &MemberRow) -> Vec<String> {
    vec![
        m.member_no.clone(),
        m.name.clone(),
        m.id_number_masked.clone(),
        m.union_name.clone(),
        m.status.label().zh.to_string(),
        m.trade.label().zh.to_string(),
        m.joined_on.to_string(),
    ]
}

pub const APPLICATION_HEADING: &[&str] = &[
    "申请编号",
    "类型",
    "状态",
    "工会",
    "提交时间",
    "姓名",
    "身份证号(隐去)",
    "性别",
    "户籍地",
    "工作单位或项目",
    "工种",
    "用工形式",
    "转出工会",
];

pub fn application_cells(a: &ReviewItem) -> Vec<String> {
    let p = &a.applicant;
    vec![
        a.application_id.to_string(),
        a.kind.label().zh.to_string(),
        a.status.label().zh.to_string(),
        a.union_name.clone(),
        crate::time::rfc3339(a.submitted_at),
        p.name.clone(),
        p.id_number_masked.clone(),
        p.gender.label().zh.to_string(),
        p.hometown.clone(),
        p.employer_or_project.clone(),
        p.trade.label().zh.to_string(),
        p.employment_form.label().zh.to_string(),
        a.from_union_name.clone().unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_fit_their_headings() {
        let m = MemberRow {
            member_no: "AH-HF-YH-2025-000001".into(),
            name: "孙长河".into(),
            id_number_masked: "340102********".into(),
            union_id: 4,
            union_name: "瑶海区联合工会".into(),
            status: crate::membership::MembershipStatus::Active,
            trade: crate::trades::Trade::Carpenter,
            joined_on: "2025-03-01".parse().unwrap(),
        };
        let cells = member_cells(&m);
        assert_eq!(cells.len(), MEMBER_HEADING.len());
        assert_eq!(cells[5], "木工");
        assert_eq!(APPLICATION_HEADING.len(), 13);
    }
}
