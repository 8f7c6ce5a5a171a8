//! `/rights/cases`: one's cases; `/rights/cases/new`: filing a complaint with
//! one's own claim (sent through the outbox, once).

use crate::api;
use crate::auth::RequireWorker;
use crate::components::form::{FormError, FormState, TextArea, TextField};
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use crate::outbox::{submit, Submitted};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api_url;
use shared::rights::cases::*;
use shared::routes::Method;

#[component]
pub fn MyCases() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("我的欠薪投诉", "My wage complaints")}</h1>
            <RequireWorker>
                <CaseList/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn CaseList() -> impl IntoView {
    let list = LocalResource::new(|| api::get::<CaseList>(&api_url!(CasesRoute::MyCases)));
    view! {
        <AppLink href="/rights/cases/new".to_string() class="btn btn--primary btn--block">{t("投诉欠薪", "File a wage complaint")}</AppLink>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || list.get().map(|r| match r {
                Ok(l) if l.cases.is_empty() => view! { <p class="card">{t("还没有投诉。", "No complaints yet.")}</p> }.into_any(),
                Ok(l) => view! {
                    <ul class="rows card">
                        {l.cases.into_iter().map(|c| view! {
                            <li class="row row--wrap">
                                <AppLink href=format!("/rights/cases/{}", c.id)><strong>{c.employer_name.clone()}</strong></AppLink>
                                <span class="tag">{text(c.status.label())}</span>
                                <div class="muted">{c.site_name.clone()}" · "{c.union.name.clone()}</div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn FileCase() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("投诉欠薪", "File a wage complaint")}</h1>
            <RequireWorker>
                <Form/>
            </RequireWorker>
        </main>
    }
}

fn date(s: &str) -> Option<chrono::NaiveDate> {
    s.parse().ok()
}

#[component]
fn Form() -> impl IntoView {
    let form = FormState::new();
    let navigate = use_navigate();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let employer_id = RwSignal::new(String::new());
    let boss = RwSignal::new(String::new());
    let boss_phone = RwSignal::new(String::new());
    let site = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let union_id = RwSignal::new(String::new());
    let contractor = RwSignal::new(String::new());
    let facts = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let employed = RwSignal::new(true);
    let left_on = RwSignal::new(String::new());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let amount_fen = shared::money::parse_yuan(&amount.get_untracked()).unwrap_or(0);
        let (Some(period_from), Some(period_to)) =
            (date(&from.get_untracked()), date(&to.get_untracked()))
        else {
            form.general.set(Some(
                t(
                    "请填写干活的起止日期",
                    "Give the first and last day of the work",
                )()
                .to_string(),
            ));
            return;
        };
        let input = ComplaintInput {
            period_from,
            period_to,
            employer: match employer_id.get_untracked().trim().parse::<i64>() {
                Ok(employer_id) => EmployerParty::Verified { employer_id },
                Err(_) => EmployerParty::Boss {
                    name: boss.get_untracked(),
                    phone: boss_phone.get_untracked(),
                },
            },
            site: SiteInput {
                name: site.get_untracked(),
                address: address.get_untracked(),
                union_id: union_id.get_untracked().trim().parse().unwrap_or(0),
            },
            main_contractor: contractor.get_untracked(),
            facts: facts.get_untracked(),
            claim: ClaimInput {
                name: name.get_untracked(),
                days: days.get_untracked().trim().parse().unwrap_or(0),
                amount_claimed_fen: amount_fen,
                evidence: Vec::new(),
                still_employed: employed.get_untracked(),
                left_on: date(&left_on.get_untracked()),
            },
        };
        if !form.check(input.validate(crate::components::time::today()).map(|_| ())) {
            return;
        }
        form.busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match submit::<_, CaseEnvelope>("rights_case", Method::Post, &api_url!(CasesRoute::File).to_string(), &input).await {
                Submitted::Sent(c) => navigate(&format!("/rights/cases/{}", c.case.id), Default::default()),
                Submitted::Queued => form.general.set(Some(t("没有网络,投诉已存在手机上,有网时会自动发出", "No network: the complaint is kept on the phone and sent when you are online")().to_string())),
                Submitted::Refused(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    };
    view! {
        <form class="card form" on:submit=send novalidate>
            <FormError form=form/>
            <TextField label=t("开始干活的日期", "First day of the work") name="period_from" kind="date" value=from form=form/>
            <TextField label=t("最后干活的日期", "Last day of the work") name="period_to" kind="date" value=to form=form/>
            <TextField label=t("平台上已核实的用工单位编号(没有就不填)", "Number of a verified employer on the platform (leave empty if none)") name="employer.employer_id" inputmode="numeric" value=employer_id form=form/>
            <TextField label=t("包工头姓名", "Labour boss's name") name="employer.name" value=boss form=form/>
            <TextField label=t("包工头手机号", "Labour boss's mobile") name="employer.phone" kind="tel" inputmode="tel" value=boss_phone form=form/>
            <TextField label=t("工地(项目名称)", "Site (project name)") name="site.name" value=site form=form/>
            <TextField label=t("工地地址", "Site address") name="site.address" value=address form=form/>
            <TextField label=t("工地所在地工会编号", "Number of the union where the site is") name="site.union_id" inputmode="numeric" value=union_id form=form
                hint=t("在工地的维权告示牌或驿站海报上", "On the site's rights notice board or a station poster")/>
            <TextField label=t("总包单位(知道就填)", "Main contractor (if known)") name="main_contractor" value=contractor form=form/>
            <TextArea label=t("发生了什么", "What happened") name="facts" value=facts form=form/>
            <h2>{t("我自己的欠薪", "My own wages owed")}</h2>
            <TextField label=t("我的姓名", "My name") name="claim.name" value=name form=form/>
            <TextField label=t("干了多少天", "Days worked") name="claim.days" inputmode="numeric" value=days form=form/>
            <TextField label=t("欠我多少钱(元)", "Amount owed to me (yuan)") name="claim.amount_claimed_fen" inputmode="decimal" value=amount form=form/>
            <label class="check">
                <input type="checkbox" prop:checked=move || employed.get() on:change=move |ev| employed.set(event_target_checked(&ev))/>
                {t("我还在这里干活", "I still work there")}
            </label>
            <Show when=move || !employed.get()>
                <TextField label=t("离开的日期", "The day I left") name="claim.left_on" kind="date" value=left_on form=form/>
            </Show>
            <button class="btn btn--primary btn--block" type="submit" disabled=move || form.busy.get()>{t("提交投诉", "Send the complaint")}</button>
        </form>
    }
}
