//! Routes of the `account` bundle: signing in, 我的, joining the union (a QR
//! scan leads from sign-in to the form within one download), and training
//! under 服务 (a session's QR code leads from sign-in to the check-in, and a
//! certificate's to its check page, within one download too).

use crate::components::layout::{provide_worker_app, WorkerLayout};
use crate::{benefits, membership, rights, training};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_worker_app("account");
    view! {
        <Router>
            <Routes fallback=|| view! { <crate::components::status::NotFound/> }>
                <ParentRoute path=path!("") view=WorkerLayout>
                    <Route path=path!("login") view=super::Login/>
                    <Route path=path!("me") view=super::Me/>
                    <Route path=path!("join") view=membership::Find/>
                    <Route path=path!("join/:code") view=membership::Join/>
                    <Route path=path!("membership") view=membership::Mine/>
                    <Route path=path!("membership/leave") view=membership::Leave/>
                    <Route path=path!("membership/consent") view=membership::WithdrawConsent/>
                    <Route path=path!("verify/member") view=membership::Verify/>
                    <Route path=path!("verify/certificate") view=training::VerifyCertificate/>
                    <Route path=path!("me/certificates") view=training::Certificates/>
                    <Route path=path!("services") view=training::Services/>
                    <Route path=path!("services/benefits") view=benefits::Programmes/>
                    <Route path=path!("services/benefits/mine") view=benefits::MyApplications/>
                    <Route path=path!("services/benefits/:id/check") view=benefits::SelfCheck/>
                    <Route path=path!("services/benefits/:id/apply") view=benefits::Apply/>
                    <Route path=path!("training/check-in") view=training::CheckIn/>
                    <Route path=path!("training/:id") view=training::CoursePage/>
                    <Route path=path!("rights") view=rights::Locker/>
                    <Route path=path!("rights/new") view=rights::NewDay/>
                    <Route path=path!("rights/verify") view=rights::VerifyChain/>
                    <Route path=path!("rights/confirm") view=rights::ConfirmDay/>
                    <Route path=path!("rights/entry/:id") view=rights::EntryPage/>
                    <Route path=path!("rights/entry/:id/correct") view=rights::CorrectDay/>
                    <Route path=path!("rights/cases") view=rights::MyCases/>
                    <Route path=path!("rights/cases/new") view=rights::FileCase/>
                    <Route path=path!("rights/cases/:id") view=rights::CasePage/>
                    <Route path=path!("rights/join") view=rights::JoinCase/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
