//! How a job looks in a list (search, matches, applications, an employer's
//! jobs, staff lists), and the lines of text shared with its page.

use crate::components::link::AppLink;
use crate::i18n::{t, use_lang};
use chrono::Datelike;
use leptos::prelude::*;
use shared::jobs::matching::distance_text;
use shared::jobs::{JobStatus, JobSummary};
use shared::Lang;

/// `300–350元/天 · 日结`.
pub fn wage_line(job: &JobSummary, lang: Lang) -> String {
    format!(
        "{} · {}",
        job.wage_text().get(lang),
        job.settlement.label().get(lang)
    )
}

/// When the work starts, as people say it: 今天开工, 3天后开工, 已开工.
pub fn start_text(job: &JobSummary, today: chrono::NaiveDate, lang: Lang) -> String {
    let days = (job.starts_on - today).num_days();
    match (days, lang) {
        (d, Lang::ZhCn) if d < 0 => "已开工,随时能来".into(),
        (0, Lang::ZhCn) => "今天开工".into(),
        (1, Lang::ZhCn) => "明天开工".into(),
        (_, Lang::ZhCn) => format!("{}月{}日开工", job.starts_on.month(), job.starts_on.day()),
        (d, Lang::En) if d < 0 => "Under way, start any day".into(),
        (0, Lang::En) => "Starts today".into(),
        (1, Lang::En) => "Starts tomorrow".into(),
        (_, Lang::En) => format!("Starts {}", job.starts_on),
    }
}

/// One job in a list; `reasons` is the match line (`工种一致 · 3.2 km · 日薪高于期望`)
/// where there is one; `children` go under the link (a list's own buttons).
#[component]
pub fn JobItem(
    job: JobSummary,
    #[prop(optional, into)] reasons: Option<Signal<String>>,
    #[prop(optional, into)] href: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let today = crate::components::time::today();
    let status = job.effective_status(today);
    let href = href.unwrap_or_else(|| format!("/jobs/{}", job.id));
    let j = job.clone();
    let facts = move || {
        let l = lang.get();
        let mut parts = vec![j.district.clone()];
        if let Some(m) = j.distance_m {
            parts.push(distance_text(m));
        }
        parts.push(start_text(&j, today, l));
        if j.board {
            parts.push(t("包吃", "Meals")().into());
        }
        if j.lodging {
            parts.push(t("包住", "Lodging")().into());
        }
        parts.join(" · ")
    };
    let wage = job.clone();
    let verified = job.employer.is_verified();
    view! {
        <li class="job">
            <AppLink href=href class="job-link">
                <div class="job-head">
                    <h3 class="job-title">{job.title.clone()}</h3>
                    {(status != JobStatus::Live).then(|| view! { <span class="tag tag--off">{move || status.label().get(lang.get()).to_string()}</span> })}
                </div>
                <p class="job-wage">{move || wage_line(&wage, lang.get())}</p>
                <p class="muted">{facts}</p>
                {reasons.map(|r| view! { <p class="job-reasons">{move || r.get()}</p> })}
                <p class="job-employer">
                    {verified.then(|| view! { <span class="verified" aria-hidden="true">"✓ "</span> })}
                    {job.employer.name.clone()}
                    {verified.then(|| view! { <span class="sr-only">{t("(工会已核实)", " (verified by the union)")}</span> })}
                </p>
            </AppLink>
            {children.map(|c| view! { <div class="job-actions">{c()}</div> })}
        </li>
    }
}
