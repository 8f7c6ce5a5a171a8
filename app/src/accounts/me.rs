//! 我的: profile, language, easy mode (text size, contrast, read aloud),
//! signed-in devices and sign-out.

use crate::api::{self, ApiFailure};
use crate::auth::{set_me, use_auth, AuthState};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::language::LanguageSwitch;
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, use_lang};
use crate::membership::EndingLinks;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::{
    AccountsRoute, Me as MeKind, MeEnvelope, ProfileUpdate, SessionList, WorkerMe,
};
use shared::api_url;
use shared::routes::Method;

#[component]
pub fn Me() -> impl IntoView {
    let auth = use_auth();
    view! {
        <main class="page">
            <h1 class="page-title">{t("我的", "Me")}</h1>
            {move || match auth.0.get() {
                AuthState::SignedIn(MeKind::Worker(w)) => view! { <Profile me=w/> <WorkLog/> <Certificates/> <Sessions/> <MyData/> <EndingLinks/> <SignOut/> }.into_any(),
                AuthState::SignedIn(MeKind::Staff(s)) => view! {
                    <section class="card">
                        <p>{t("您以工会干事身份登录:", "You are signed in as union staff: ")}{s.display_name}</p>
                        <a href="/admin" rel="external" class="btn btn--primary">{t("进入工会工作台", "Open the staff workspace")}</a>
                    </section>
                    <SignOut/>
                }.into_any(),
                AuthState::Loading => view! { <Loading/> }.into_any(),
                AuthState::SignedOut => view! {
                    <section class="card">
                        <p>{t("登录后可以入会、报名找工作、查看申请进度。", "Sign in to join the union, apply for jobs and follow your applications.")}</p>
                        <A href="/login?next=%2Fme" attr:class="btn btn--primary btn--block">{t("手机号登录", "Sign in with your mobile")}</A>
                    </section>
                }.into_any(),
            }}
            <LanguageSwitch/>
            <crate::easy::EasySettings/>
        </main>
    }
}

/// The evidence locker (记工本), one tap from 我的.
#[component]
fn WorkLog() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="worklog-title">
            <h2 id="worklog-title">{t("记工本", "My work log")}</h2>
            <p class="muted">{t("每天记下干了多少活、说好多少钱、借支多少;工会存证,讨薪时用得上。没有网络也能记。", "Note each day's work, the agreed wage and advances; the union keeps them as evidence for unpaid wages. Works offline.")}</p>
            <AppLink href="/rights".to_string() class="btn btn--secondary">{t("打开记工本", "Open my work log")}</AppLink>
        </section>
    }
}

/// The worker's certificates from union training, one tap from 我的.
#[component]
fn Certificates() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="certs-title">
            <h2 id="certs-title">{t("我的证书", "My certificates")}</h2>
            <p class="muted">{t("工会培训的结业证书,可以打印,企业扫码核验。", "Certificates from union training: printable, and employers check them by QR code.")}</p>
            <AppLink href="/me/certificates".to_string() class="btn btn--secondary">{t("查看证书", "See my certificates")}</AppLink>
            <AppLink href="/services".to_string() class="btn btn--secondary">{t("免费技能培训", "Free skills training")}</AppLink>
        </section>
    }
}

#[component]
fn Profile(me: WorkerMe) -> impl IntoView {
    let name = RwSignal::new(me.display_name.clone().unwrap_or_default());
    let form = FormState::new();
    let saved = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        saved.set(false);
        let input = ProfileUpdate {
            display_name: Some(name.get_untracked()),
            lang: None,
        };
        if !form.check(input.validate()) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::send::<_, MeEnvelope>(
                Method::Patch,
                &api_url!(AccountsRoute::MeUpdate),
                &input,
                None,
            )
            .await
            {
                Ok(env) => {
                    set_me(Some(env.me));
                    saved.set(true);
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="profile-title">
            <h2 id="profile-title">{t("我的资料", "My details")}</h2>
            <p>{t("手机号:", "Mobile: ")}<strong>{me.phone_masked}</strong></p>
            <form on:submit=save novalidate>
                <FormError form=form/>
                <TextField label=t("称呼(别人怎么叫您)", "What people call you") name="display_name" value=name form=form autocomplete="nickname" maxlength=30/>
                <button type="submit" class="btn btn--secondary">{t("保存", "Save")}</button>
                <Show when=move || saved.get()><span class="notice" role="status">{t("已保存", "Saved")}</span></Show>
            </form>
        </section>
    }
}

#[component]
pub fn Sessions() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(|| api::get::<SessionList>(&api_url!(AccountsRoute::Sessions)));
    let end = move |id: String| {
        leptos::task::spawn_local(async move {
            let _ = api::send::<_, ()>(
                Method::Delete,
                &api_url!(AccountsRoute::SessionEnd, SESSION_ID = id),
                &(),
                None,
            )
            .await;
            list.refetch();
        });
    };
    view! {
        <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t("登录的设备", "Signed-in devices")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r: Result<SessionList, ApiFailure>| match r {
                    Ok(l) => view! {
                        <ul class="rows">
                            {l.sessions.into_iter().map(|s| {
                                let id = s.id.clone();
                                view! {
                                    <li class="row">
                                        <div>
                                            <strong>{s.device}</strong>
                                            {s.current.then(|| view! { <span class="tag">{t("本机", "This device")}</span> })}
                                            <div class="muted">{t("最近使用 ", "Last used ")}{crate::components::time::local_time(&s.last_seen_at, lang.get_untracked())}</div>
                                        </div>
                                        {(!s.current).then(|| view! {
                                            <button class="btn btn--secondary" on:click=move |_| end(id.clone())>{t("退出该设备", "Sign out there")}</button>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// The worker's own data: see it all, download it, or delete the account.
#[component]
fn MyData() -> impl IntoView {
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let lang = crate::i18n::use_lang();
    let delete = move |_| {
        leptos::task::spawn_local(async move {
            match api::send::<_, ()>(
                Method::Delete,
                &api_url!(AccountsRoute::DeleteAccount),
                &(),
                None,
            )
            .await
            {
                Ok(()) => {
                    crate::membership::forget();
                    set_me(None);
                    let _ = window().location().assign("/");
                }
                Err(e) => failure.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="data-title">
            <h2 id="data-title">{t("我的信息", "My information")}</h2>
            <A href="/membership" attr:class="btn btn--secondary btn--block">{t("工会会员证和申请进度", "Member card and applications")}</A>
            <a href=String::from(api_url!(AccountsRoute::ExportData)) download="gongyou-my-data.json" class="btn btn--secondary btn--block">{t("下载我的全部信息", "Download all my information")}</a>
            <details class="export-sections">
                <summary>{t("下载的文件里有什么", "What the file holds")}</summary>
                <ul>
                    {shared::accounts::EXPORT_SECTIONS.iter().map(|(_, zh, en)| view! { <li>{t(zh, en)}</li> }).collect_view()}
                </ul>
                <p class="muted">{t("身份证号只显示部分位数;不含登录凭证。", "The ID number is shown masked; no sign-in tokens are included.")}</p>
            </details>
            <Show when=move || !confirming.get()>
                <button type="button" class="linklike" on:click=move |_| confirming.set(true)>{t("注销账号", "Delete my account")}</button>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="delete-title">
                    <h3 id="delete-title">{t("确定注销账号吗?", "Delete your account?")}</h3>
                    <p>{t("会籍会结束,身份证号和登记信息会删除,只留下不带姓名的统计数字。这不能撤销。", "Your membership ends and your ID number and registration details are deleted; only figures without names remain. This cannot be undone.")}</p>
                    {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
                    <button type="button" class="btn btn--danger btn--block" on:click=delete>{t("确定注销", "Yes, delete it")}</button>
                    <button type="button" class="btn btn--secondary btn--block" on:click=move |_| confirming.set(false)>{t("不注销了", "Keep my account")}</button>
                </div>
            </Show>
        </section>
    }
}

fn sign_out() {
    leptos::task::spawn_local(async move {
        let _ = api::send::<_, ()>(Method::Post, &api_url!(AccountsRoute::Logout), &(), None).await;
        crate::membership::forget();
        set_me(None);
    });
}

#[component]
fn SignOut() -> impl IntoView {
    view! {
        <button class="btn btn--secondary btn--block signout" on:click=move |_| sign_out()>{t("退出登录", "Sign out")}</button>
    }
}

/// The small sign-out button of the staff header.
#[component]
pub fn SignOutButton() -> impl IntoView {
    view! { <button type="button" class="btn btn--ghost" on:click=move |_| sign_out()>{t("退出", "Sign out")}</button> }
}
