//! `/admin/applications`: enrolments and transfers waiting for review in the
//! chosen subtree, oldest first. Staff approve one, reject one with a reason
//! the worker reads, or tick several and approve them together.

use super::reveal::{RevealId, RevealNote};
use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::when;
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::membership::lifecycle::REJECTION_REASON_MAX;
use shared::membership::{
    ApplicationKind, ApplicationStatus, BulkDecision, BulkDecisionReply, Decision, DecisionInput,
    DecisionSkip, MembershipRoute, ReviewItem, ReviewQueue,
};
use shared::Text;
use std::collections::BTreeSet;

const PAGE: u32 = 50;

/// What the last decision did, line by line, for the notice at the top.
#[derive(Clone)]
struct Outcome {
    ok: Vec<Text>,
    skipped: Vec<Text>,
}

#[component]
pub fn Queue() -> impl IntoView {
    let scope = use_scope();
    let lang = use_lang();
    let items = RwSignal::new(Vec::<ReviewItem>::new());
    let next = RwSignal::new(None::<String>);
    let selected = RwSignal::new(BTreeSet::<i64>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let bulk_failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let first = LocalResource::new(move || {
        let url = scope
            .scoped(api_url!(MembershipRoute::ReviewQueue))
            .arg("limit", PAGE);
        async move { api::get::<ReviewQueue>(&url).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(page)) = first.get() {
            items.set(page.applications);
            next.set(page.meta.next_cursor);
            selected.set(BTreeSet::new());
        }
    });
    // A next page that fails says so, with a retry (the cursor stays).
    let more_failed = RwSignal::new(None::<ApiFailure>);
    let more = Callback::new(move |_| {
        let Some(cursor) = next.get_untracked() else {
            return;
        };
        let url = scope
            .scoped(api_url!(MembershipRoute::ReviewQueue))
            .arg("limit", PAGE)
            .arg_text("cursor", &cursor);
        more_failed.set(None);
        leptos::task::spawn_local(async move {
            match api::get::<ReviewQueue>(&url).await {
                Ok(page) => {
                    items.update(|i| i.extend(page.applications));
                    next.set(page.meta.next_cursor);
                }
                Err(e) => more_failed.set(Some(e)),
            }
        });
    });

    // Takes decided (and no longer decidable) applications off the list and says what happened.
    let decided = Callback::new(move |reply: BulkDecisionReply| {
        let names = items.with_untracked(|i| {
            i.iter()
                .map(|x| (x.application_id, x.applicant.name.clone()))
                .collect::<Vec<_>>()
        });
        let name_of = |id: i64| {
            names
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default()
        };
        let mut done = Outcome {
            ok: Vec::new(),
            skipped: Vec::new(),
        };
        for r in &reply.results {
            let name = name_of(r.application_id);
            let no = r.member_no.as_deref().unwrap_or("");
            match (r.skipped, r.status) {
                (Some(why), _) => done.skipped.push(Text::owned(
                    format!("{name}:{}", why.label().zh),
                    format!("{name}: {}", why.label().en),
                )),
                (None, Some(ApplicationStatus::Approved)) => done.ok.push(Text::owned(
                    format!("{name}:已通过,会员编号 {no}"),
                    format!("{name}: approved, member number {no}"),
                )),
                (None, _) => done.ok.push(Text::owned(
                    format!("{name}:没有通过,已告诉申请人原因"),
                    format!("{name}: not approved; they are told why"),
                )),
            }
        }
        // Still pending ones stay (e.g. the union stopped taking members): staff can reject them with a reason.
        let gone: BTreeSet<i64> = reply
            .results
            .iter()
            .filter(|r| {
                !matches!(
                    r.skipped,
                    Some(DecisionSkip::UnionNotAccepting | DecisionSkip::AlreadyMember)
                )
            })
            .map(|r| r.application_id)
            .collect();
        items.update(|i| i.retain(|x| !gone.contains(&x.application_id)));
        selected.update(|s| s.retain(|id| !gone.contains(id)));
        outcome.set(Some(done));
    });

    let approve_selected = move |_| {
        let ids: Vec<i64> = selected.get_untracked().into_iter().collect();
        let body = BulkDecision {
            application_ids: ids,
            decision: Some(Decision::Approve),
            reason: String::new(),
        };
        if let Err(e) = body.validate() {
            bulk_failure.set(
                e.0.first()
                    .map(|f| f.why.get(lang.get_untracked()).to_string()),
            );
            return;
        }
        bulk_failure.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::post::<_, BulkDecisionReply>(&api_url!(MembershipRoute::DecideBulk), &body)
                .await
            {
                Ok(reply) => {
                    decided.try_run(reply);
                }
                Err(e) => bulk_failure.set(Some(e.message(lang.get_untracked()))),
            }
            busy.set(false);
        });
    };
    let all_ticked = move || {
        items.with(|i| {
            !i.is_empty()
                && i.iter()
                    .all(|x| selected.with(|s| s.contains(&x.application_id)))
        })
    };
    let tick_all = move |ev| {
        let on = event_target_checked(&ev);
        selected.set(if on {
            items.with_untracked(|i| i.iter().map(|x| x.application_id).collect())
        } else {
            BTreeSet::new()
        });
    };
    let count = move || selected.with(BTreeSet::len);

    view! {
        <main class="page">
            <h1 class="page-title">{t("入会审核", "Applications to review")}</h1>
            <p class="muted">{t("入会和转会申请,先交的排在前面。", "Enrolments and transfers, oldest first.")}</p>
            <div class="actions toolbar">
                <a href=move || String::from(scope.scoped(api_url!(MembershipRoute::ApplicationsExport))) class="btn btn--secondary" download="applications.csv">{t("导出全部申请(表格)", "Export all applications (CSV)")}</a>
            </div>
            <RevealNote/>
            {move || outcome.get().map(|o| { let (ok, skipped) = (o.ok.len(), o.skipped.len()); view! {
                <div class="notice" role="status">
                    <p><strong>{move || format!("{} {} {}", t("已处理", "Decided")(), ok, t("份", "")())}</strong>
                        {(skipped > 0).then(|| format!(" · {} {}", t("没有处理:", "Left as they were:")(), skipped))}</p>
                    <ul>
                        {o.ok.iter().chain(o.skipped.iter()).map(|l| { let l = l.clone(); view! { <li>{move || l.get(lang.get()).to_string()}</li> } }).collect_view()}
                    </ul>
                </div>
            }})}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || first.get().map(|r: Result<ReviewQueue, ApiFailure>| match r {
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| first.refetch())/> }.into_any(),
                    Ok(_) => view! {
                        <Show when=move || !items.with(Vec::is_empty) fallback=|| view! { <p class="card">{t("没有等待审核的申请。", "No applications are waiting.")}</p> }>
                            <div class="bulkbar card">
                                <label class="check">
                                    <input type="checkbox" prop:checked=all_ticked on:change=tick_all/>
                                    <span>{t("全选", "Select all")}" ("{move || items.with(Vec::len)}")"</span>
                                </label>
                                <button type="button" class="btn btn--primary" disabled=move || count() == 0 || busy.get() on:click=approve_selected>
                                    {move || format!("{}({}{})", t("通过选中的申请", "Approve the selected")(), count(), t("份", "")())}
                                </button>
                                {move || bulk_failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                            </div>
                            <ul class="rows">
                                <For each=move || items.get() key=|i| i.application_id children=move |item| view! {
                                    <li><ReviewCard item=item selected=selected on_decided=decided/></li>
                                }/>
                            </ul>
                        </Show>
                        {move || match more_failed.get() {
                            Some(e) => view! { <ErrorView failure=e retry=more/> }.into_any(),
                            None => next.get().is_some().then(|| view! {
                                <button type="button" class="btn btn--secondary" on:click=move |_| more.run(())>{t("加载更多", "Load more")}</button>
                            }).into_any(),
                        }}
                    }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

/// One application: the applicant's details, a tick box for bulk approval,
/// approve, and reject with a reason.
#[component]
fn ReviewCard(
    item: ReviewItem,
    selected: RwSignal<BTreeSet<i64>>,
    on_decided: Callback<BulkDecisionReply>,
) -> impl IntoView {
    let lang = use_lang();
    let id = item.application_id;
    let a = item.applicant.clone();
    let title_id = format!("app-{id}");
    let labelled_by = title_id.clone();
    let rejecting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let send = move |input: DecisionInput| {
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let r = api::post::<_, BulkDecisionReply>(
                &api_url!(MembershipRoute::Decide, APPLICATION_ID = id),
                &input,
            )
            .await;
            form.busy.set(false);
            match r {
                Ok(reply) => {
                    on_decided.try_run(reply);
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    let approve = move |_| {
        form.clear();
        send(DecisionInput {
            decision: Some(Decision::Approve),
            reason: String::new(),
        });
    };
    let reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = DecisionInput {
            decision: Some(Decision::Reject),
            reason: reason.get_untracked(),
        };
        if form.check(input.validate().map(|_| ())) {
            send(input);
        }
    };
    let kind = item.kind;
    let (gender, trade, employment) = (a.gender, a.trade, a.employment_form);
    view! {
        <article class="card review" aria-labelledby=labelled_by>
            <div class="review-head">
                <label class="check">
                    <input type="checkbox" aria-label=format!("{} {}", t("选中", "Select")(), a.name)
                        prop:checked=move || selected.with(|s| s.contains(&id))
                        on:change=move |ev| { let on = event_target_checked(&ev); selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } }); }/>
                    <span aria-hidden="true">{t("选中", "Select")}</span>
                </label>
                <h2 id=title_id>{a.name.clone()}</h2>
                <span class="tag" class:tag--warn=kind == ApplicationKind::Transfer>{move || kind.label().get(lang.get()).to_string()}</span>
            </div>
            <dl class="facts">
                <dt>{t("申请加入", "Applying to")}</dt><dd>{item.union_name.clone()}</dd>
                {item.from_union_name.clone().map(|f| view! { <dt>{t("原来的工会", "Coming from")}</dt><dd>{f}</dd> })}
                <dt>{t("身份证号", "ID number")}</dt>
                <dd><RevealId masked=a.id_number_masked.clone() path=api_url!(MembershipRoute::RevealApplicant, APPLICATION_ID = id) owner=a.name.clone()/></dd>
                <dt>{t("性别 · 出生年份", "Gender · born in")}</dt><dd>{text(gender.label())}{a.birth_year.map(|y| format!(" · {y}"))}</dd>
                <dt>{t("籍贯", "Hometown")}</dt><dd>{a.hometown.clone()}</dd>
                <dt>{t("工作单位或项目", "Employer or project")}</dt><dd>{a.employer_or_project.clone()}</dd>
                <dt>{t("工种", "Trade")}</dt><dd>{text(trade.label())}</dd>
                <dt>{t("用工形式", "Employment")}</dt><dd>{text(employment.label())}</dd>
                <dt>{t("联系地址", "Address")}</dt><dd>{a.contact_address.clone()}</dd>
                {item.transfer_reason.clone().map(|r| view! { <dt>{t("申请人说", "In their words")}</dt><dd>{r}</dd> })}
                <dt>{t("提交时间", "Sent")}</dt><dd>{move || when(item.submitted_at, lang.get())}</dd>
            </dl>
            {item.id_number_conflict.then(|| view! {
                <p class="notice tag--warn" role="note">{t(
                    "这个身份证号已是另一个账号的在册会员:请先核实谁是本人(例如看身份证原件),再决定。在对方的会籍结束前不能通过。",
                    "Another account is already an active member with this ID number: check who is who (for example, see the ID card) before deciding. It cannot be approved while that membership lasts.",
                )}</p>
            })}
            <FormError form=form/>
            <div class="actions">
                <button type="button" class="btn btn--primary" disabled=move || form.busy.get() on:click=approve>{t("通过", "Approve")}</button>
                <Show when=move || !rejecting.get()>
                    <button type="button" class="btn btn--secondary" on:click=move |_| rejecting.set(true)>{t("不通过…", "Reject…")}</button>
                </Show>
            </div>
            <Show when=move || rejecting.get()>
                <form class="reject" on:submit=reject novalidate>
                    <TextField label=t("不通过的原因(申请人会看到)", "Why not (the applicant reads this)") name="reason" value=reason form=form maxlength=REJECTION_REASON_MAX as u32
                        hint=t("用平实的话说明,比如:请补充现在的工地名称", "Say it plainly, e.g. please add the name of your current site")/>
                    <div class="actions">
                        <button type="submit" class="btn btn--danger" disabled=move || form.busy.get()>{t("确定不通过", "Reject")}</button>
                        <button type="button" class="btn btn--secondary" on:click=move |_| { rejecting.set(false); form.clear(); }>{t("取消", "Cancel")}</button>
                    </div>
                </form>
            </Show>
        </article>
    }
}
