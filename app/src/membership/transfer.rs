//! Changing jobs: a member asks to move their membership to the union whose
//! QR code they scanned. The receiving union reviews it like an enrolment.

use super::enrol::{send, Sent};
use crate::components::choice::{from_code, trade_choices, SelectField};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::time::today;
use crate::draft::FormDraft;
use crate::i18n::t;
use leptos::prelude::*;
use shared::api_url;
use shared::membership::form::ADDRESS_MAX;
use shared::membership::transfer::TRANSFER_REASON_MAX;
use shared::membership::{MembershipRoute, MembershipView, TransferRequest};
use shared::unions::UnionSummary;

pub const DRAFT: &str = "gy.draft.transfer";
pub const KIND: &str = "transfer";

#[component]
pub fn TransferForm(
    current: MembershipView,
    target: UnionSummary,
    on_sent: Callback<Sent>,
) -> impl IntoView {
    let draft = FormDraft::new(DRAFT);
    let employer = draft.field("employer_or_project");
    let trade = draft.field("trade");
    let reason = draft.field("reason");
    let form = FormState::new();
    let target_for_check = target.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let body = TransferRequest {
            to_union_id: target_for_check.id,
            employer_or_project: employer.get_untracked(),
            trade: from_code(&trade.get_untracked()),
            reason: reason.get_untracked(),
        };
        if !form.check(
            body.validate(current.union.id, Some(&target_for_check), today())
                .map(|_| ()),
        ) {
            return;
        }
        send(
            KIND,
            api_url!(MembershipRoute::Transfer),
            body,
            form,
            draft,
            on_sent,
        );
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h2>{t("申请转会", "Transfer my membership")}</h2>
            <p>
                {t("您现在是 ", "You are now a member of ")}<strong>{current.union.name.clone()}</strong>
                {t(" 的会员。换了工作,可以把会籍转到 ", ". If you changed jobs, you can move your membership to ")}
                <strong>{target.name.clone()}</strong>{t("。会员身份不中断,原来的记录都保留。", ". You stay a member throughout, and your history is kept.")}
            </p>
            <FormError form=form/>
            <TextField label=t("新的工作单位或项目", "Your new employer or project") name="employer_or_project" value=employer form=form maxlength=ADDRESS_MAX as u32/>
            <SelectField label=t("工种(变了才选)", "Trade (only if it changed)") name="trade" value=trade form=form choices=trade_choices() placeholder=t("没有变", "Unchanged")/>
            <TextField label=t("想对新工会说的话(可以不填)", "A note for the new union (optional)") name="reason" value=reason form=form maxlength=TRANSFER_REASON_MAX as u32/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("提交转会申请", "Send my transfer request")}</button>
        </form>
    }
}
