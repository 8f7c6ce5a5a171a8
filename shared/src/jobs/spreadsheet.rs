//! The columns of the staff's job and employer exports (CSV, see
//! `server::spreadsheet`): Chinese headings, money in yuan, labels as staff
//! read them on screen. Employers' contact phones are in it: staff in scope
//! see them on screen too.

use super::{Employer, JobSummary};

pub const JOB_HEADING: &[&str] = &[
    "岗位编号",
    "岗位",
    "工种",
    "用工企业",
    "区县",
    "最低工资(元)",
    "最高工资(元)",
    "计薪",
    "结算",
    "人数",
    "开工日期",
    "截止日期",
    "状态",
    "发布时间",
];

pub fn job_cells(j: &JobSummary) -> Vec<String> {
    vec![
        j.id.to_string(),
        j.title.clone(),
        j.trades
            .iter()
            .map(|t| t.label().zh)
            .collect::<Vec<_>>()
            .join("|"),
        j.employer.name.clone(),
        j.district.clone(),
        crate::money::amount(j.wage_min_fen),
        crate::money::amount(j.wage_max_fen),
        j.wage_unit.label().zh.to_string(),
        j.settlement.label().zh.to_string(),
        j.headcount.to_string(),
        j.starts_on.to_string(),
        j.valid_until.to_string(),
        j.status.label().zh.to_string(),
        j.posted_at.clone(),
    ]
}

pub const EMPLOYER_HEADING: &[&str] = &[
    "企业编号",
    "企业名称",
    "统一社会信用代码",
    "状态",
    "所属工会",
    "行政区划代码",
    "联系人",
    "联系电话",
    "核实时间",
    "发布岗位数",
    "撮合人数",
];

pub fn employer_cells(e: &Employer) -> Vec<String> {
    vec![
        e.id.to_string(),
        e.name.clone(),
        e.uscc.clone(),
        e.status.label().zh.to_string(),
        e.union.name.clone(),
        e.region_code.clone(),
        e.contact_name.clone(),
        e.contact_phone.clone().unwrap_or_default(),
        e.verified_at.clone().unwrap_or_default(),
        e.jobs_posted.to_string(),
        e.hires.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_every_column() {
        assert_eq!(JOB_HEADING.len(), 14);
        assert_eq!(EMPLOYER_HEADING.len(), 11);
        assert_eq!(crate::money::amount(35000), "350");
    }
}
