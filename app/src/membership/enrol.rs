//! The enrolment form (入会登记表): kept on the phone as it is typed, checked by
//! the shared rules before sending, and sent through the outbox so a dropped
//! signal neither loses it nor sends it twice.

use crate::components::choice::{
    code_of, from_code, trade_choices, Choice, RadioCards, SelectField,
};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::time::today;
use crate::draft::FormDraft;
use crate::i18n::{t, text, use_lang};
use crate::outbox::{self, Submitted};
use leptos::prelude::*;
use shared::api_url;
use shared::id_number::{Gender, IdNumber};
use shared::membership::form::{ADDRESS_MAX, HOMETOWN_MAX, NAME_MAX};
use shared::membership::*;
use shared::routes::{Method, Url};

pub const DRAFT: &str = "gy.draft.enrolment";
/// The outbox kind of an enrolment.
pub const KIND: &str = "enrolment";

/// How a submission ended, for the page that shows the form.
#[derive(Clone)]
pub enum Sent {
    Delivered(ApplicationView),
    /// No signal: waiting in the outbox.
    Waiting,
}

#[component]
pub fn EnrolForm(union_id: i64, on_sent: Callback<Sent>) -> impl IntoView {
    let draft = FormDraft::new(DRAFT);
    let name = draft.field("name");
    let id_number = draft.field("id_number");
    let gender = draft.field("gender");
    let birth_date = draft.field("birth_date");
    let hometown = draft.field("hometown");
    let employer = draft.field("employer_or_project");
    let trade = draft.field("trade");
    let employment = draft.field("employment_form");
    let address = draft.field("contact_address");
    // The separate consent is ticked afresh each time, never kept or pre-ticked.
    let consent = RwSignal::new(false);
    let form = FormState::new();

    // A valid ID number fills in gender and date of birth.
    let read_from_id = Memo::new(move |_| {
        IdNumber::parse(&id_number.get(), today())
            .ok()
            .map(|id| (id.gender(), id.birth_date()))
    });
    Effect::new(move |_| {
        if let Some((g, born)) = read_from_id.get() {
            gender.set(code_of(&g));
            birth_date.set(born.to_string());
        }
    });

    let collect = move || EnrolmentForm {
        name: name.get_untracked(),
        id_number: id_number.get_untracked(),
        gender: from_code(&gender.get_untracked()),
        birth_date: birth_date.get_untracked().parse().ok(),
        hometown: hometown.get_untracked(),
        employer_or_project: employer.get_untracked(),
        trade: from_code(&trade.get_untracked()),
        employment_form: from_code(&employment.get_untracked()),
        contact_address: address.get_untracked(),
        consent: Consent {
            sensitive_info: consent.get_untracked(),
            version: CONSENT_VERSION.to_string(),
        },
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let body = NewApplication {
            union_id,
            form: collect(),
        };
        if !form.check(body.form.validate(today()).map(|_| ())) {
            return;
        }
        send(
            KIND,
            api_url!(MembershipRoute::Apply),
            body,
            form,
            draft,
            on_sent,
        );
    };

    let genders = vec![
        Choice::new("male", Gender::Male.label()),
        Choice::new("female", Gender::Female.label()),
    ];
    let forms = EmploymentForm::ALL
        .iter()
        .map(|f| Choice::new(code_of(f), f.label()).with_hint(f.hint()))
        .collect();
    view! {
        <form class="card enrol-form" on:submit=submit novalidate>
            <h2>{t("入会登记表", "Enrolment form")}</h2>
            <p class="muted">{t("填的内容会自动保存在手机上,关掉再打开也还在。", "What you type is saved on this phone, even if you close the app.")}</p>
            <FormError form=form/>
            <TextField label=t("姓名(和身份证上一样)", "Name (as on your ID card)") name="name" value=name form=form autocomplete="name" maxlength=NAME_MAX as u32
                hint=t("为什么要填:会员证上印的就是这个名字。", "Why we ask: this is the name on your member card.")/>
            <TextField label=t("身份证号", "ID card number") name="id_number" value=id_number form=form inputmode="text" autocomplete="off" maxlength=18
                hint=t("18位,最后一位可能是X。为什么要填:入会要实名;只有审核的工会干事能看到,加密保存。", "18 characters; the last may be X. Why we ask: joining is by real name; only the reviewing union staff see it, and it is stored encrypted.")/>
            {move || read_from_id.get().map(|(g, born)| view! {
                <p class="notice" role="status">
                    {t("已从身份证号读出:", "Read from the ID number: ")}{text(g.label())}" · "{born.to_string()}
                </p>
            })}
            <SelectField label=t("性别", "Gender") name="gender" value=gender form=form choices=genders placeholder=t("请选择", "Choose")/>
            <TextField label=t("出生日期", "Date of birth") name="birth_date" value=birth_date form=form kind="date"/>
            <TextField label=t("籍贯(老家在哪个省市)", "Hometown (province and city)") name="hometown" value=hometown form=form maxlength=HOMETOWN_MAX as u32
                hint=t("例如:安徽省六安市。为什么要填:工会按老家安排返乡、帮扶这些服务。", "For example: 安徽省六安市. Why we ask: the union plans trips home and aid by hometown.")/>
            <TextField label=t("现在的工作单位或项目", "Your current employer or project") name="employer_or_project" value=employer form=form maxlength=ADDRESS_MAX as u32
                hint=t("为什么要填:欠薪、工伤时,工会知道该找哪家单位。", "Why we ask: if wages go unpaid or you are hurt, the union knows whom to approach.")/>
            <SelectField label=t("工种", "Trade") name="trade" value=trade form=form choices=trade_choices() placeholder=t("请选择工种", "Choose your trade")/>
            <p class="field-hint">{t("工种和用工形式,为什么要填:工会按工种推荐活和培训;用工形式不同,能办的保障也不同。", "Trade and form of employment, why we ask: the union suggests work and training by trade, and what cover you can get depends on how you are employed.")}</p>
            <RadioCards legend=t("用工形式", "Form of employment") name="employment_form" value=employment form=form choices=forms/>
            <TextField label=t("联系地址(现在住哪里)", "Contact address (where you live now)") name="contact_address" value=address form=form autocomplete="street-address" maxlength=ADDRESS_MAX as u32
                hint=t("为什么要填:有急事打不通电话时,工会按这个地址找您。", "Why we ask: if the union cannot reach you by phone in an emergency, it looks for you here.")/>
            <ConsentStatement consent=consent form=form/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("提交入会申请", "Send my application")}</button>
        </form>
    }
}

/// Sends an application (enrolment or transfer) through the outbox: the draft
/// is forgotten once the server has it, and stays while it waits for a signal.
pub(super) fn send<B: serde::Serialize + 'static>(
    kind: &'static str,
    path: Url,
    body: B,
    form: FormState,
    draft: FormDraft,
    on_sent: Callback<Sent>,
) {
    form.busy.set(true);
    leptos::task::spawn_local(async move {
        let outcome = outbox::submit::<_, ApplicationReply>(kind, Method::Post, &path, &body).await;
        // Before `on_sent`, which replaces the form (and disposes its state).
        form.busy.set(false);
        match outcome {
            Submitted::Sent(reply) => {
                draft.clear();
                on_sent.try_run(Sent::Delivered(reply.application));
            }
            // The draft stays until the server has it (see `Mine`).
            Submitted::Queued => {
                on_sent.try_run(Sent::Waiting);
            }
            Submitted::Refused(e) => form.failed(&e),
        }
    });
}

/// What happens to the worker's information, in full, then the separate,
/// unticked consent box.
#[component]
fn ConsentStatement(consent: RwSignal<bool>, form: FormState) -> impl IntoView {
    let lang = use_lang();
    let error = form.error("consent.sensitive_info");
    view! {
        <section class="consent" aria-labelledby="consent-title">
            <h3 id="consent-title">{text(CONSENT_TITLE)}</h3>
            {CONSENT_SECTIONS.iter().map(|s| view! {
                <h4>{move || s.heading.get(lang.get()).to_string()}</h4>
                <p>{move || s.body.get(lang.get()).to_string()}</p>
            }).collect_view()}
            <label class="check check--big">
                <input type="checkbox" name="consent" prop:checked=move || consent.get() on:change=move |ev| consent.set(event_target_checked(&ev))
                    aria-invalid=move || error.get().is_some().to_string()/>
                <span>{text(CONSENT_AGREE)}</span>
            </label>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </section>
    }
}
