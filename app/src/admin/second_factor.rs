//! The second sign-in step for staff who can reveal ID numbers: the 6-digit
//! code of an authenticator app (or a one-time recovery code), and setting the
//! app up the first time, ending with the recovery codes to keep.

use crate::api::{self, ApiFailure};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use leptos::prelude::*;
use shared::accounts::{
    AccountsRoute, Me, MeEnvelope, SecondFactorCode, SecondFactorConfirmed, SecondFactorEnrolment,
};
use shared::api_url;

/// A code field with its check; `submit` gets the checked code.
#[component]
fn CodeForm(
    #[prop(into)] button: Signal<&'static str>,
    form: FormState,
    submit: Callback<SecondFactorCode>,
) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = SecondFactorCode {
            code: code.get_untracked(),
        };
        if form.check(input.validate()) {
            submit.run(input);
        }
    };
    view! {
        <form class="card" on:submit=on_submit novalidate>
            <FormError form=form/>
            <TextField label=t("动态验证码", "Authenticator code") name="code" value=code form=form
                inputmode="numeric" autocomplete="one-time-code" maxlength=16
                hint=t("打开身份验证器 App,输入“工友驿站”下面的6位数字。手机不在身边时,可以输入一个恢复码。",
                    "Open your authenticator app and enter the 6 digits under 工友驿站. Without your phone, enter a recovery code.")/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{button}</button>
        </form>
    }
}

/// The code of an app set up before.
#[component]
pub fn CodeStep(done: Callback<Me>) -> impl IntoView {
    let form = FormState::new();
    let submit = Callback::new(move |input: SecondFactorCode| {
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let url = api_url!(AccountsRoute::SecondFactorVerify);
            match api::post::<_, MeEnvelope>(&url, &input).await {
                Ok(env) => done.run(env.me),
                Err(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    });
    view! {
        <h1 class="page-title">{t("第二步:动态验证码", "Step 2: authenticator code")}</h1>
        <p>{t("您的账号能查看身份证号,所以登录还要输入手机上身份验证器的验证码。",
            "Your account can see ID numbers, so signing in also takes the code from the authenticator on your phone.")}</p>
        <CodeForm button=t("确认登录", "Sign in") form=form submit=submit/>
    }
}

/// First sign-in of an account that needs the second factor: scan, confirm, keep the recovery codes.
#[component]
pub fn EnrolStep(done: Callback<Me>) -> impl IntoView {
    let enrolment = LocalResource::new(|| async {
        api::post::<_, SecondFactorEnrolment>(&api_url!(AccountsRoute::SecondFactorEnrol), &())
            .await
    });
    let confirmed = RwSignal::new(None::<SecondFactorConfirmed>);
    let form = FormState::new();
    let submit = Callback::new(move |input: SecondFactorCode| {
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let url = api_url!(AccountsRoute::SecondFactorConfirm);
            match api::post::<_, SecondFactorConfirmed>(&url, &input).await {
                Ok(c) => confirmed.set(Some(c)),
                Err(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    });
    view! {
        {move || match confirmed.get() {
            Some(c) => view! { <RecoveryCodes confirmed=c done=done/> }.into_any(),
            None => view! {
                <h1 class="page-title">{t("绑定身份验证器", "Set up an authenticator")}</h1>
                <p>{t("您的账号能查看身份证号,需要用手机上的身份验证器登录。只需设置这一次。",
                    "Your account can see ID numbers, so it signs in with an authenticator on your phone. You set this up once.")}</p>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || enrolment.get().map(|r: Result<SecondFactorEnrolment, ApiFailure>| match r {
                        Ok(e) => view! {
                            <ol class="card steps">
                                <li>{t("在手机上安装一个身份验证器 App,例如 Microsoft Authenticator、Google 身份验证器,或阿里云 App 里的“虚拟MFA”。",
                                    "Install an authenticator app on your phone, such as Microsoft Authenticator, Google Authenticator, or the virtual MFA in the Alibaba Cloud app.")}</li>
                                <li>
                                    {t("在 App 里添加账号,扫描这个二维码:", "In the app, add an account and scan this QR code:")}
                                    <div class="enrol-qr" role="img" aria-label=t("身份验证器二维码", "Authenticator QR code") inner_html=e.qr_svg></div>
                                    {t("扫不了时,选“手动输入密钥”,输入:", "If you cannot scan it, choose to enter a key and type:")}
                                    <code class="enrol-key">{e.secret}</code>
                                </li>
                                <li>{t("输入 App 显示的6位数字,完成绑定。", "Enter the 6 digits the app shows to finish.")}</li>
                            </ol>
                            <CodeForm button=t("完成绑定", "Finish set-up") form=form submit=submit/>
                        }.into_any(),
                        Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                    })}
                </Suspense>
            }.into_any(),
        }}
    }
}

/// Shown once: each code signs in once when the phone is lost.
#[component]
fn RecoveryCodes(confirmed: SecondFactorConfirmed, done: Callback<Me>) -> impl IntoView {
    let me = confirmed.me.clone();
    view! {
        <h1 class="page-title">{t("保存恢复码", "Keep your recovery codes")}</h1>
        <div class="card">
            <p role="status">{t("身份验证器已绑定。下面的恢复码只显示这一次:手机丢了或换了,用其中一个代替验证码登录,每个只能用一次。请抄下来或打印,放在安全的地方。",
                "Your authenticator is set up. These recovery codes are shown only now: if your phone is lost or changed, sign in with one instead of a code; each works once. Write them down or print them, and keep them safe.")}</p>
            <ul class="recovery-codes">
                {confirmed.recovery_codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ul>
            <div class="actions">
                <button type="button" class="btn btn--secondary" on:click=|_| { let _ = window().print(); }>{t("打印", "Print")}</button>
                <button type="button" class="btn btn--primary" on:click=move |_| done.run(me.clone())>{t("我已保存,继续", "I have kept them; continue")}</button>
            </div>
        </div>
    }
}
