//! The enrolment form (入会登记表) and its one validation, run by the app before
//! sending and by the Worker before storing. Every problem is reported against
//! its field, in plain words.

use super::consent::CONSENT_VERSION;
use crate::error::{why, FieldErrors};
use crate::id_number::{Gender, IdNumber};
use crate::lang::Text;
use crate::trades::Trade;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest name, in characters (some minority names joined with `·` are long).
pub const NAME_MAX: usize = 30;
/// Longest hometown (籍贯), in characters.
pub const HOMETOWN_MAX: usize = 50;
/// Longest employer/project name and contact address, in characters.
pub const ADDRESS_MAX: usize = 100;

crate::vocabulary! {
    /// Form of employment (用工形式).
    pub enum EmploymentForm {
        /// 劳动合同: a labour contract with the employer.
        LabourContract = "labour_contract", "劳动合同", "Labour contract";
        /// 劳务派遣: sent to work elsewhere by a dispatch agency.
        LabourDispatch = "labour_dispatch", "劳务派遣", "Labour dispatch";
        /// 灵活就业: no fixed employer, e.g. day jobs.
        Flexible = "flexible", "灵活就业", "Flexible employment";
        /// 平台就业: takes orders through a platform (delivery, ride-hailing).
        Platform = "platform", "平台就业", "Platform work";
        /// 非全日制: hourly work, at most 4 hours a day on average.
        PartTime = "part_time", "非全日制", "Part-time (hourly)";
        Other = "other", "其他", "Other";
    }
}

impl EmploymentForm {
    /// One plain line under the choice, so the worker can tell which is theirs.
    pub fn hint(self) -> Text {
        match self {
            EmploymentForm::LabourContract => Text::new(
                "和单位签了劳动合同",
                "You signed a labour contract with your employer",
            ),
            EmploymentForm::LabourDispatch => Text::new(
                "派遣公司派您到别的单位干活",
                "An agency sends you to work for another company",
            ),
            EmploymentForm::Flexible => Text::new(
                "没有固定单位,自己找活干,比如打零工",
                "No fixed employer; you find your own work, such as day jobs",
            ),
            EmploymentForm::Platform => Text::new(
                "通过外卖、快递、网约车等平台接单",
                "You take orders through an app: delivery, courier, ride-hailing",
            ),
            EmploymentForm::PartTime => Text::new(
                "按小时干活,平均每天不超过4小时",
                "Paid by the hour, 4 hours a day or less on average",
            ),
            EmploymentForm::Other => Text::new("以上都不是", "None of the above"),
        }
    }
}

/// The separate consent to processing sensitive personal information.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Consent {
    /// The worker ticked the consent box (never pre-ticked).
    pub sensitive_info: bool,
    /// The statement version they read: must be [`CONSENT_VERSION`].
    #[cfg_attr(feature = "openapi", schemars(length(max = 20)))]
    pub version: String,
}

/// The enrolment form as the app sends it and keeps it as a draft. Missing
/// fields read as empty, so they come back as "required", not as a 400.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct EnrolmentForm {
    /// Real name as on the ID card.
    #[cfg_attr(feature = "openapi", schemars(length(max = NAME_MAX)))]
    pub name: String,
    /// As typed; checked by GB 11643. Never sent back unmasked.
    #[cfg_attr(feature = "openapi", schemars(length(max = 30)))]
    pub id_number: String,
    /// Pre-filled from the ID number; must agree with it.
    pub gender: Option<Gender>,
    /// Pre-filled from the ID number; must agree with it. Checked, never kept:
    /// only the year is stored ([`super::disclosure`]).
    pub birth_date: Option<NaiveDate>,
    /// 籍贯, e.g. 安徽省六安市.
    #[cfg_attr(feature = "openapi", schemars(length(max = HOMETOWN_MAX)))]
    pub hometown: String,
    /// Current employer or construction project.
    #[cfg_attr(feature = "openapi", schemars(length(max = ADDRESS_MAX)))]
    pub employer_or_project: String,
    pub trade: Option<Trade>,
    pub employment_form: Option<EmploymentForm>,
    #[cfg_attr(feature = "openapi", schemars(length(max = ADDRESS_MAX)))]
    pub contact_address: String,
    pub consent: Consent,
}

/// A form that passed every check, normalised. Holds the ID number, so it is
/// neither `Serialize` nor printed in the clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEnrolment {
    pub name: String,
    pub id_number: IdNumber,
    pub gender: Gender,
    pub hometown: String,
    pub employer_or_project: String,
    pub trade: Trade,
    pub employment_form: EmploymentForm,
    pub contact_address: String,
    pub consent_version: String,
}

impl EnrolmentForm {
    /// Checks every field; `today` is the Asia/Shanghai date (bounds the birth date).
    pub fn validate(&self, today: NaiveDate) -> Result<ValidEnrolment, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", validate_name(&self.name));
        let id = errors.check(
            "id_number",
            IdNumber::parse(&self.id_number, today).map_err(|e| e.why()),
        );

        let gender = errors.check("gender", self.gender.ok_or_else(why::required));
        if let (Some(g), Some(id)) = (gender, &id) {
            if g != id.gender() {
                let says = id.gender().label();
                errors.add(
                    "gender",
                    Text::owned(
                        format!("和身份证号不一致:按身份证号是{},请核对", says.zh),
                        format!(
                            "Does not match the ID number, which says {}; please check",
                            says.en
                        ),
                    ),
                );
            }
        }
        let birth_date = errors.check("birth_date", self.birth_date.ok_or_else(why::required));
        if let (Some(d), Some(id)) = (birth_date, &id) {
            let says = id.birth_date();
            if d != says {
                errors.add(
                    "birth_date",
                    Text::owned(
                        format!(
                            "和身份证号不一致:按身份证号是{},请核对",
                            says.format("%Y年%-m月%-d日")
                        ),
                        format!("Does not match the ID number, which says {says}; please check"),
                    ),
                );
            }
        }

        let hometown = errors.check("hometown", required_text(&self.hometown, HOMETOWN_MAX));
        let employer = errors.check(
            "employer_or_project",
            required_text(&self.employer_or_project, ADDRESS_MAX),
        );
        let trade = errors.check("trade", self.trade.ok_or_else(why::required));
        let employment_form = errors.check(
            "employment_form",
            self.employment_form.ok_or_else(why::required),
        );
        let address = errors.check(
            "contact_address",
            required_text(&self.contact_address, ADDRESS_MAX),
        );
        check_consent(&self.consent, &mut errors);

        match (
            name,
            id,
            gender,
            birth_date,
            hometown,
            employer,
            trade,
            employment_form,
            address,
        ) {
            (
                Some(name),
                Some(id_number),
                Some(gender),
                Some(_birth_date),
                Some(hometown),
                Some(employer),
                Some(trade),
                Some(form),
                Some(address),
            ) if errors.is_empty() => Ok(ValidEnrolment {
                name,
                id_number,
                gender,
                hometown,
                employer_or_project: employer,
                trade,
                employment_form: form,
                contact_address: address,
                consent_version: self.consent.version.clone(),
            }),
            _ => Err(errors),
        }
    }
}

fn check_consent(consent: &Consent, errors: &mut FieldErrors) {
    if !consent.sensitive_info {
        errors.add(
            "consent.sensitive_info",
            Text::new(
                "入会要用到您的身份证号。请先看完说明,勾选同意后再提交",
                "Joining needs your ID number. Read the statement and tick the box to agree before you submit",
            ),
        );
    } else if consent.version != CONSENT_VERSION {
        errors.add(
            "consent.version",
            Text::new(
                "说明内容更新了,请重新看一遍再同意",
                "The statement has changed; please read it again and agree",
            ),
        );
    }
}

/// Characters people type for the separator dot in names like 阿卜杜拉·艾则孜.
const DOT_LOOKALIKES: &[char] = &['·', '•', '・', '･', '‧', '∙', '⋅', '.', '．'];

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{323AF}' | '〇')
}

/// Checks a real name and returns it tidied: separator dots unified to `·`,
/// spaces kept only between two Latin letters (residence-permit holders).
pub fn validate_name(raw: &str) -> Result<String, Text> {
    let chars: Vec<char> = raw
        .trim()
        .chars()
        .map(|c| {
            if DOT_LOOKALIKES.contains(&c) {
                '·'
            } else if c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut name = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let after_letter = name.chars().last().is_some_and(|p| p.is_ascii_alphabetic());
            let before_letter = chars[i + 1..]
                .iter()
                .find(|n| **n != ' ')
                .is_some_and(|n| n.is_ascii_alphabetic());
            if after_letter && before_letter && !name.ends_with(' ') {
                name.push(' ');
            }
        } else {
            name.push(c);
        }
    }
    if name.is_empty() {
        return Err(why::required());
    }
    if !name
        .chars()
        .all(|c| is_han(c) || c == '·' || c == ' ' || c.is_ascii_alphabetic())
    {
        return Err(Text::new(
            "姓名只能填汉字,不能有数字或符号;少数民族姓名中间可以用“·”隔开",
            "Use the characters of your name only, no digits or symbols; parts of a name may be joined with “·”",
        ));
    }
    if name.starts_with('·') || name.ends_with('·') || name.contains("··") {
        return Err(Text::new(
            "“·”只能放在名字的两部分中间",
            "“·” can only go between two parts of a name",
        ));
    }
    let len = name.chars().count();
    if len < 2 {
        return Err(why::too_short(2));
    }
    if len > NAME_MAX {
        return Err(why::too_long(NAME_MAX));
    }
    Ok(name)
}

/// A required one-line text: trimmed, at most `max` characters, no line breaks
/// or control characters.
pub(crate) fn required_text(raw: &str, max: usize) -> Result<String, Text> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(why::required());
    }
    one_line(text, max)
}

/// An optional text: empty is `None`; otherwise as [`required_text`], but line
/// breaks allowed when `multiline`.
pub(crate) fn optional_text(
    raw: &str,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, Text> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if multiline {
        limited(text, max, |c| c.is_control() && c != '\n').map(Some)
    } else {
        one_line(text, max).map(Some)
    }
}

fn one_line(text: &str, max: usize) -> Result<String, Text> {
    limited(text, max, char::is_control)
}

fn limited(text: &str, max: usize, forbidden: impl Fn(char) -> bool) -> Result<String, Text> {
    if text.chars().any(forbidden) {
        return Err(Text::new(
            "请不要换行,也不要用特殊符号",
            "Please keep it on one line, without special characters",
        ));
    }
    if text.chars().count() > max {
        return Err(why::too_long(max));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn filled() -> EnrolmentForm {
        EnrolmentForm {
            name: "王建国".into(),
            id_number: "11010519491231002X".into(),
            gender: Some(Gender::Female),
            birth_date: NaiveDate::from_ymd_opt(1949, 12, 31),
            hometown: "安徽省六安市".into(),
            employer_or_project: "中建三局合肥万达广场项目".into(),
            trade: Some(Trade::Carpenter),
            employment_form: Some(EmploymentForm::LabourContract),
            contact_address: "合肥市瑶海区长江东路100号工地宿舍".into(),
            consent: Consent {
                sensitive_info: true,
                version: CONSENT_VERSION.into(),
            },
        }
    }

    #[test]
    fn a_complete_form_passes_normalised() {
        let mut form = filled();
        form.id_number = "11010519491231002x".into();
        form.hometown = "  安徽省六安市 ".into();
        let ok = form.validate(today()).unwrap();
        assert_eq!(ok.id_number.expose(), "11010519491231002X");
        assert_eq!(ok.hometown, "安徽省六安市");
        assert_eq!(ok.trade, Trade::Carpenter);
        assert_eq!(ok.consent_version, CONSENT_VERSION);
        assert!(
            !format!("{ok:?}").contains("19491231"),
            "Debug must not leak the ID number"
        );
    }

    #[test]
    fn an_empty_form_names_every_field() {
        let errors = EnrolmentForm::default().validate(today()).unwrap_err();
        for field in [
            "name",
            "id_number",
            "gender",
            "birth_date",
            "hometown",
            "employer_or_project",
            "trade",
            "employment_form",
            "contact_address",
            "consent.sensitive_info",
        ] {
            assert!(errors.get(field).is_some(), "{field} not reported");
        }
        assert_eq!(errors.get("id_number").unwrap().zh, "请填写身份证号");
    }

    #[test]
    fn missing_json_fields_are_required_errors_not_parse_failures() {
        let form: EnrolmentForm = serde_json::from_str(r#"{"name": "王建国"}"#).unwrap();
        let errors = form.validate(today()).unwrap_err();
        assert!(errors.get("name").is_none());
        assert!(errors.get("trade").is_some());
    }

    #[test]
    fn gender_and_birth_date_must_agree_with_the_id_number() {
        let mut form = filled();
        form.gender = Some(Gender::Male);
        form.birth_date = NaiveDate::from_ymd_opt(1949, 12, 30);
        let errors = form.validate(today()).unwrap_err();
        assert_eq!(
            errors.get("gender").unwrap().zh,
            "和身份证号不一致:按身份证号是女,请核对"
        );
        assert_eq!(
            errors.get("birth_date").unwrap().zh,
            "和身份证号不一致:按身份证号是1949年12月31日,请核对"
        );
        assert_eq!(
            errors.get("birth_date").unwrap().en,
            "Does not match the ID number, which says 1949-12-31; please check"
        );
        assert!(errors.get("id_number").is_none());
    }

    #[test]
    fn a_bad_id_number_is_reported_once_on_its_own_field() {
        let mut form = filled();
        form.id_number = "110105194912310021".into();
        let errors = form.validate(today()).unwrap_err();
        assert_eq!(
            errors.get("id_number").unwrap().zh,
            "最后一位校验码不对,请核对"
        );
        assert!(errors.get("gender").is_none() && errors.get("birth_date").is_none());
    }

    #[test]
    fn consent_must_be_given_separately_to_the_current_statement() {
        let mut form = filled();
        form.consent.sensitive_info = false;
        let errors = form.validate(today()).unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert!(errors
            .get("consent.sensitive_info")
            .unwrap()
            .zh
            .contains("勾选同意"));

        form.consent = Consent {
            sensitive_info: true,
            version: "enrolment-consent-v0".into(),
        };
        let errors = form.validate(today()).unwrap_err();
        assert!(errors.get("consent.version").is_some());
    }

    #[test]
    fn names_allow_han_characters_and_separator_dots() {
        assert_eq!(validate_name("  张 三 ").unwrap(), "张三");
        assert_eq!(validate_name("阿卜杜拉·艾则孜").unwrap(), "阿卜杜拉·艾则孜");
        assert_eq!(validate_name("阿卜杜拉.艾则孜").unwrap(), "阿卜杜拉·艾则孜");
        assert_eq!(
            validate_name("阿卜杜拉 • 艾则孜").unwrap(),
            "阿卜杜拉·艾则孜"
        );
        assert_eq!(
            validate_name("𠮷田").unwrap(),
            "𠮷田",
            "rare characters outside the BMP"
        );
        assert_eq!(validate_name("Chan  Tai Man").unwrap(), "Chan Tai Man");

        assert_eq!(validate_name("").unwrap_err(), why::required());
        assert_eq!(validate_name("王").unwrap_err(), why::too_short(2));
        assert_eq!(
            validate_name(&"王".repeat(31)).unwrap_err(),
            why::too_long(NAME_MAX)
        );
        assert!(validate_name(&"王".repeat(30)).is_ok());
        assert!(validate_name("王5").unwrap_err().zh.contains("不能有数字"));
        assert!(validate_name("王(工)").is_err());
        assert!(validate_name("·王五").unwrap_err().zh.contains("中间"));
        assert!(validate_name("王··五").is_err());
    }

    #[test]
    fn texts_are_limited_and_kept_on_one_line() {
        let mut form = filled();
        form.contact_address = "路".repeat(ADDRESS_MAX + 1);
        form.hometown = "安徽\n六安".into();
        form.employer_or_project = "   ".into();
        let errors = form.validate(today()).unwrap_err();
        assert_eq!(
            errors.get("contact_address").unwrap(),
            &why::too_long(ADDRESS_MAX)
        );
        assert!(errors.get("hometown").unwrap().zh.contains("换行"));
        assert_eq!(errors.get("employer_or_project").unwrap(), &why::required());
        form.contact_address = "路".repeat(ADDRESS_MAX);
        assert!(form
            .validate(today())
            .unwrap_err()
            .get("contact_address")
            .is_none());

        assert_eq!(optional_text("  ", 10, false), Ok(None));
        assert_eq!(
            optional_text("第一行\n第二行", 10, true),
            Ok(Some("第一行\n第二行".into()))
        );
        assert!(optional_text("第一行\n第二行", 10, false).is_err());
    }

    #[test]
    fn every_employment_form_has_a_label_and_a_hint() {
        for &f in EmploymentForm::ALL {
            assert!(!f.label().zh.is_empty() && !f.hint().zh.is_empty());
            let json = serde_json::to_value(f).unwrap();
            assert_eq!(serde_json::from_value::<EmploymentForm>(json).unwrap(), f);
        }
        assert_eq!(
            serde_json::to_value(EmploymentForm::LabourDispatch).unwrap(),
            "labour_dispatch"
        );
    }
}
