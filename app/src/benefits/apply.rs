//! `/services/benefits/:id/apply`: the one application form. Name, phone,
//! union and the sealed ID number come from the enrolment profile and are
//! never typed again (a gig worker who is not a member, where the programme
//! allows it, types name and ID number once). Then each kind's own fields,
//! the photos (shrunk on the phone, kept there until uploaded), and the
//! submission: checked by the shared rule, kept as a draft on the phone until
//! the server has it, and sent through the outbox with one Idempotency-Key so
//! a dropped signal never creates it twice.

use super::check::read_input;
use crate::api::{self, ApiFailure};
use crate::auth::{use_auth, RequireWorker};
use crate::components::attachments::{forget, FilePicker};
use crate::components::choice::{Choice, SelectField};
use crate::components::form::{FormError, FormState, TextArea, TextField};
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::draft::FormDraft;
use crate::i18n::{t, text};
use crate::outbox::{self, Submitted};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::attachments::AttachmentView;
use shared::benefits::*;
use shared::membership::{MemberCardReply, MembershipRoute};
use shared::money::parse_yuan;
use shared::routes::Method;
use shared::{FieldErrors, Text};

fn choices<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> Text) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice::new(code(*v), label(*v)))
        .collect()
}

#[component]
pub fn Apply() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    view! {
        <main class="page">
            <AppLink href="/services/benefits".to_string() class="linklike">{t("‹ 帮扶项目", "‹ Programmes")}</AppLink>
            <h1 class="page-title">{t("申请帮扶", "Apply for aid")}</h1>
            <RequireWorker>
                {move || view! { <Load programme_id=id()/> }}
            </RequireWorker>
        </main>
    }
}

#[component]
fn Load(programme_id: i64) -> impl IntoView {
    let data = LocalResource::new(move || async move {
        let p = api::get::<ProgrammeEnvelope>(&api_url!(
            BenefitsRoute::Programme,
            PROGRAMME_ID = programme_id
        ))
        .await?;
        // Not a member (404): the programme may still take gig workers.
        let card = api::get::<MemberCardReply>(&api_url!(MembershipRoute::Card))
            .await
            .ok();
        Ok::<_, ApiFailure>((p.programme, card))
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || data.get().map(|r| match r {
                Ok((p, card)) => view! { <Form programme=p card=card/> }.into_any(),
                Err(e) => view! { <ErrorView failure=e/> }.into_any(),
            })}
        </Suspense>
    }
}

/// How the last submission went.
#[derive(Clone)]
enum Outcome {
    Sent(Box<Application>),
    Waiting,
}

#[component]
fn Form(programme: Programme, card: Option<MemberCardReply>) -> impl IntoView {
    let p = StoredValue::new(programme.clone());
    let kind = programme.kind;
    let pid = programme.id;
    let auth = use_auth();
    let draft = FormDraft::new(super::draft_key(pid));
    let f = |name: &'static str| draft.field(name);
    let household = f("details.household");
    let income = f("details.income_fen");
    let fixed = f("details.fixed_costs_fen");
    let accident = f("details.accident");
    let hardship_costs = f("details.hardship_costs_fen");
    let cause = f("details.cause");
    let bank = f("details.bank_account");
    let note = f("details.note");
    let hospital = f("details.hospital");
    let level = f("details.hospital_level");
    let admitted = f("details.admitted_on");
    let discharged = f("details.discharged_on");
    let total = f("details.total_cost_fen");
    let insurance = f("details.insurance_paid_fen");
    let self_paid = f("details.self_paid_fen");
    let child = f("details.child_name");
    let child_id = f("details.child_id_number");
    let school = f("details.school");
    let stage = f("details.stage");
    let applicant_name = f("applicant.name");
    let applicant_id = f("applicant.id_number");
    let files = RwSignal::new(Vec::<AttachmentView>::new());
    let waiting = RwSignal::new(0usize);
    let form = FormState::new();
    let member = card.is_some();
    // Shown when not a member, or when the API says the programme does not count this membership.
    let as_applicant = RwSignal::new(!member);
    let outcome = RwSignal::new(None::<Outcome>);
    let scope = super::files_scope(kind);

    let details = move |errors: &mut FieldErrors| -> ApplicationDetails {
        let mut money = |field: &str, v: RwSignal<String>| {
            errors
                .check(field, parse_yuan(&v.get_untracked()))
                .unwrap_or(0)
        };
        match kind {
            ProgrammeKind::Hardship => ApplicationDetails::Hardship {
                household: 0,
                income_fen: 0,
                fixed_costs_fen: 0,
                accident: false,
                hardship_costs_fen: 0,
                cause: HardshipCause::parse(&cause.get_untracked()).unwrap_or(HardshipCause::Other),
                bank_account: bank.get_untracked(),
                note: note.get_untracked(),
            },
            ProgrammeKind::Medical => ApplicationDetails::Medical {
                hospital: hospital.get_untracked(),
                hospital_level: HospitalLevel::parse(&level.get_untracked())
                    .unwrap_or(HospitalLevel::Level3),
                admitted_on: admitted.get_untracked().parse().unwrap_or_default(),
                discharged_on: discharged.get_untracked().parse().unwrap_or_default(),
                total_cost_fen: money("details.total_cost_fen", total),
                insurance_paid_fen: money("details.insurance_paid_fen", insurance),
                self_paid_fen: money("details.self_paid_fen", self_paid),
            },
            ProgrammeKind::Scholarship => ApplicationDetails::Scholarship {
                child_name: child.get_untracked(),
                child_id_number: child_id.get_untracked(),
                school: school.get_untracked(),
                stage: SchoolStage::parse(&stage.get_untracked())
                    .unwrap_or(SchoolStage::HighSchool),
            },
            ProgrammeKind::Seasonal => ApplicationDetails::Seasonal {
                campaign: p
                    .with_value(|p| p.campaign)
                    .unwrap_or(Campaign::WinterWarmth),
                station_id: None,
            },
            ProgrammeKind::HealthCheck => ApplicationDetails::HealthCheck {
                note: note.get_untracked(),
            },
            ProgrammeKind::Other => ApplicationDetails::Other {
                note: note.get_untracked(),
            },
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let mut errors = FieldErrors::new();
        let mut d = details(&mut errors);
        if let ApplicationDetails::Hardship {
            household: h,
            income_fen,
            fixed_costs_fen,
            accident: a,
            hardship_costs_fen,
            ..
        } = &mut d
        {
            match read_input(
                &household.get_untracked(),
                &income.get_untracked(),
                &fixed.get_untracked(),
                accident.get_untracked() == "true",
                &hardship_costs.get_untracked(),
            ) {
                Ok(i) => {
                    *h = i.household;
                    *income_fen = i.income_fen;
                    *fixed_costs_fen = i.fixed_costs_fen;
                    *a = i.accident;
                    *hardship_costs_fen = i.hardship_costs_fen;
                }
                Err(e) => {
                    for x in e.0 {
                        errors.add(x.field, x.why);
                    }
                }
            }
            if HardshipCause::parse(&cause.get_untracked()).is_none() {
                errors.add("details.cause", shared::error::why::not_a_choice());
            }
        }
        if kind == ProgrammeKind::Medical && HospitalLevel::parse(&level.get_untracked()).is_none()
        {
            errors.add("details.hospital_level", shared::error::why::not_a_choice());
        }
        if kind == ProgrammeKind::Scholarship
            && SchoolStage::parse(&stage.get_untracked()).is_none()
        {
            errors.add("details.stage", shared::error::why::not_a_choice());
        }
        let applicant = as_applicant.get_untracked().then(|| NonMemberApplicant {
            name: applicant_name.get_untracked(),
            id_number: applicant_id.get_untracked(),
        });
        let input = ApplicationInput {
            applicant,
            details: d,
            attachments: files.get_untracked().into_iter().map(|f| f.id).collect(),
        };
        if errors.is_empty() {
            let (kind, campaign) = p.with_value(|p| (p.kind, p.campaign));
            if let Err(rules) =
                input.validate(kind, campaign, !as_applicant.get_untracked(), today())
            {
                for r in rules.0 {
                    if errors.get(&r.field).is_none() {
                        errors.add(r.field, r.why);
                    }
                }
            }
        }
        if !form.check(if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }) {
            return;
        }
        if waiting.get_untracked() > 0 {
            form.general.set(Some(
                t(
                    "照片还没上传完,上传完就能提交。",
                    "The photos are still uploading; submit once they are sent.",
                )()
                .into(),
            ));
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let path = api_url!(BenefitsRoute::Apply, PROGRAMME_ID = pid);
            let sent =
                outbox::submit::<_, ApplicationEnvelope>(super::KIND, Method::Post, &path, &input)
                    .await;
            form.busy.set(false);
            match sent {
                Submitted::Sent(env) => {
                    draft.clear();
                    forget(scope).await;
                    outcome.set(Some(Outcome::Sent(Box::new(env.application))));
                }
                // The draft and the photos stay on the phone until the server has it (see `MyApplications`).
                Submitted::Queued => outcome.set(Some(Outcome::Waiting)),
                Submitted::Refused(e) => {
                    if e.field("applicant").is_some() {
                        as_applicant.set(true);
                    }
                    form.failed(&e);
                }
            }
        });
    };

    let accepting = programme.accepting(today());
    let documents = programme.required_documents.join("、");
    let phone = auth.worker().map(|w| w.phone_masked).unwrap_or_default();
    let profile = card.map(|c| c.card);
    let form_view = view! {
        <form class="card enrol-form" on:submit=submit novalidate aria-labelledby="apply-title">
            <h2 id="apply-title">{programme.name.clone()}</h2>
            <p class="muted">{text(programme.kind.label())}" · "{text(programme.amount_text())}" · "{programme.union.name.clone()}" · "{text(super::closing_text(&programme))}</p>
            <p class="muted">{t("填的内容会自动保存在手机上,关掉再打开也还在。", "What you type is saved on this phone, even if you close the app.")}</p>
            <FormError form=form/>
            <section class="notice" aria-labelledby="profile-title" data-testid="profile">
                <h3 id="profile-title">{t("申请人", "Applicant")}</h3>
                {match profile {
                    Some(c) => view! {
                        <p><strong>{c.name.clone()}</strong>" · "{c.union_name.clone()}" · "{phone.clone()}</p>
                        <p class="field-hint">{t("姓名、手机、工会和身份证号来自您的入会登记,不用再填。", "Name, phone, union and ID number come from your enrolment; no need to type them again.")}</p>
                    }.into_any(),
                    None => view! { <p>{phone.clone()}</p> }.into_any(),
                }}
            </section>
            <Show when=move || as_applicant.get()>
                <p class="field-hint">{t("这个项目也接受本地区新就业形态劳动者申请。您不是本工会会员,请填一次姓名和身份证号(加密保存)。", "This programme also takes gig workers of the area. You are not a member here: give your name and ID number once (stored encrypted).")}</p>
                <TextField label=t("姓名(和身份证上一样)", "Name (as on your ID card)") name="applicant.name" value=applicant_name form=form autocomplete="name" maxlength=20/>
                <TextField label=t("身份证号", "ID card number") name="applicant.id_number" value=applicant_id form=form autocomplete="off" maxlength=18/>
            </Show>
            {match kind {
                ProgrammeKind::Hardship => view! {
                    <TextField label=t("家里一共几口人(含您)", "People in the household (you included)") name="details.household" value=household form=form kind="number" inputmode="numeric"/>
                    <TextField label=t("全家一年的收入(元)", "The household's yearly income (yuan)") name="details.income_fen" value=income form=form inputmode="decimal"/>
                    <TextField label=t("一年的刚性支出(元)", "Yearly fixed costs (yuan)") name="details.fixed_costs_fen" value=fixed form=form inputmode="decimal" hint=t("看病、孩子上学这些省不了的钱;没有就填0", "Medical and school costs you cannot avoid; 0 if none")/>
                    <label class="check check--big">
                        <input type="checkbox" name="details.accident" prop:checked=move || accident.get() == "true"
                            on:change=move |ev| accident.set(if event_target_checked(&ev) { "true".into() } else { String::new() })/>
                        <span>{t("今年家里有人因意外致残或去世", "This year someone in the household was disabled or died in an accident")}</span>
                    </label>
                    <TextField label=t("今年因病因意外花的钱(元)", "This year's costs of illness or accident (yuan)") name="details.hardship_costs_fen" value=hardship_costs form=form inputmode="decimal"/>
                    <SelectField label=t("困难原因", "Cause of hardship") name="details.cause" value=cause form=form choices=choices(HardshipCause::ALL, HardshipCause::code, HardshipCause::label) placeholder=t("请选择", "Choose")/>
                    <TextField label=t("收款银行卡号", "Bank card for the payment") name="details.bank_account" value=bank form=form inputmode="numeric" autocomplete="off" maxlength=40
                        hint=t("帮扶款打到这张卡。加密保存,只显示后四位。", "The aid is paid to this card. Stored encrypted; only the last four digits show.")/>
                    <TextArea label=t("家里的情况(可不填)", "About the household (optional)") name="details.note" value=note form=form maxlength=MAX_NOTE as u32/>
                }.into_any(),
                ProgrammeKind::Medical => view! {
                    <TextField label=t("住院的医院", "Hospital") name="details.hospital" value=hospital form=form maxlength=MAX_PLACE_NAME as u32/>
                    <SelectField label=t("医院等级", "Hospital grade") name="details.hospital_level" value=level form=form choices=choices(HospitalLevel::ALL, HospitalLevel::code, HospitalLevel::label) placeholder=t("请选择", "Choose")/>
                    <div class="field-pair">
                        <TextField label=t("入院日期", "Admitted on") name="details.admitted_on" value=admitted form=form kind="date"/>
                        <TextField label=t("出院日期", "Discharged on") name="details.discharged_on" value=discharged form=form kind="date" hint=t("出院后10天内要申报", "Notify within 10 days of discharge")/>
                    </div>
                    <TextField label=t("总费用(元)", "Total cost (yuan)") name="details.total_cost_fen" value=total form=form inputmode="decimal"/>
                    <TextField label=t("医保支付(元)", "Paid by health insurance (yuan)") name="details.insurance_paid_fen" value=insurance form=form inputmode="decimal"/>
                    <TextField label=t("个人自付(元)", "Paid by you (yuan)") name="details.self_paid_fen" value=self_paid form=form inputmode="decimal"/>
                }.into_any(),
                ProgrammeKind::Scholarship => view! {
                    <TextField label=t("孩子的姓名", "Child's name") name="details.child_name" value=child form=form maxlength=20/>
                    <TextField label=t("孩子的身份证号", "Child's ID card number") name="details.child_id_number" value=child_id form=form autocomplete="off" maxlength=18 hint=t("加密保存;每个孩子每年只能申请一次", "Stored encrypted; one scholarship per child a year")/>
                    <TextField label=t("录取的学校", "School admitting the child") name="details.school" value=school form=form maxlength=MAX_PLACE_NAME as u32/>
                    <SelectField label=t("就读阶段", "Stage") name="details.stage" value=stage form=form choices=choices(SchoolStage::ALL, SchoolStage::code, SchoolStage::label) placeholder=t("请选择", "Choose")/>
                }.into_any(),
                ProgrammeKind::Seasonal => view! {
                    <p>{t("活动:", "Campaign: ")}{programme.campaign.map(|c| text(c.label())())}</p>
                }.into_any(),
                ProgrammeKind::HealthCheck | ProgrammeKind::Other => view! {
                    <TextArea label=t("补充说明(可不填)", "Anything to add (optional)") name="details.note" value=note form=form maxlength=MAX_NOTE as u32/>
                }.into_any(),
            }}
            {(!documents.is_empty()).then(|| view! { <p>{t("要拍照上传的材料:", "Documents to photograph: ")}{documents.clone()}</p> })}
            <FilePicker scope=scope files=files waiting=waiting label=t("材料照片或PDF", "Photos or PDFs of the documents") error=form.error("attachments")/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("提交申请", "Send my application")}</button>
        </form>
    };
    view! {
        {match accepting {
            Err(why) => view! { <p class="card" role="status">{text(why)}</p> }.into_any(),
            Ok(()) => view! {
                {move || match outcome.get() {
                    Some(Outcome::Sent(a)) => view! {
                        <section class="card" role="status" aria-labelledby="sent-title">
                            <h2 id="sent-title">{t("申请已提交", "Application sent")}</h2>
                            <p>{text(a.step().words)}</p>
                            <AppLink href="/services/benefits/mine".to_string() class="btn btn--primary btn--block">{t("查看我的帮扶申请", "See my aid applications")}</AppLink>
                        </section>
                    }.into_any(),
                    Some(Outcome::Waiting) => view! {
                        <section class="card" role="status" aria-labelledby="sent-title">
                            <h2 id="sent-title">{t("已保存在手机上", "Saved on this phone")}</h2>
                            <p>{t("现在没有网络。申请已保存在手机上,有网络时会自动发送,只会提交一次。", "There is no connection. The application is saved on this phone and sent once by itself when the signal returns.")}</p>
                            <AppLink href="/services/benefits/mine".to_string() class="btn btn--primary btn--block">{t("查看我的帮扶申请", "See my aid applications")}</AppLink>
                        </section>
                    }.into_any(),
                    None => ().into_any(),
                }}
                <div hidden=move || outcome.with(Option::is_some)>{form_view}</div>
            }.into_any(),
        }}
    }
}
