//! Governance on the pages (issue 5): the target indicators' plan/fact, as a
//! citizen reads it and as an analyst enters a fact; kk/ru/en; both backends.

mod common;

use common::{apps, Client};
use kelisim_store::users;

#[test]
fn issue_5_the_indicators_page_shows_plan_and_fact_and_takes_a_fact_with_its_source() {
    for app in apps("pages_indicators") {
        // Anyone: both Concepts, every indicator with its chart and table.
        let mut public = Client::new(&app.base);
        let page = public.get("/indicators");
        assert_eq!(page.status, 200);
        for code in ["c2030-1", "c2030-5", "c2022-1", "c2022-3"] {
            assert!(page.body.contains(&format!("id=\"{code}\"")), "{code}");
        }
        assert_eq!(page.body.matches("<svg").count(), 8, "a chart per indicator");
        assert!(page.body.contains("Қазақстан этностары арасындағы толеранттылық деңгейі"), "Kazakh by default");
        assert!(!page.body.contains("fact-form"), "no form for the public");
        // The 2024 fact of the first indicator against no plan, 2025 an estimate.
        let table = page.body.split("id=\"table-c2030-1\"").nth(1).unwrap().split("</table>").next().unwrap();
        assert!(table.contains("<td>2024</td>") && table.contains("73.2"), "{table}");

        let s = app.store.clone();
        app.block_on(async move { users::create(&s, "setup", &users::NewUser { login: "ipei", role: "analyst", region: None, organisation_id: None, password: "password-123456" }).await.unwrap() });
        let mut analyst = Client::new(&app.base);
        assert_eq!(analyst.sign_in("ipei", "password-123456", None).status, 303);
        let page = analyst.get("/lang/ru?next=/indicators");
        assert!(page.status == 303 || page.status == 200);
        let page = analyst.get("/indicators");
        assert!(page.body.contains("Уровень эффективности реализации государственной политики"), "Russian names");
        let csrf = Client::csrf_of(&page.body);
        // A bad form comes back naming its fields, with what was typed.
        let r = analyst.post_form("/indicators/c2030-1/facts", &[("csrf", &csrf), ("year", "2026"), ("value", "восемьдесят"), ("source", "")]);
        assert_eq!(r.status, 422);
        let form = r.body.split("action=\"/indicators/c2030-1/facts\"").nth(1).unwrap().split("</form>").next().unwrap();
        assert!(form.contains("value=\"восемьдесят\"") && form.contains("Не число"), "{form}");
        // A fact of 2026 with its source: the deviation from the plan (82 %) is shown.
        let r = analyst.post_form("/indicators/c2030-1/facts", &[("csrf", &csrf), ("year", "2026"), ("value", "81,4"), ("source", "Исследование ИПМ, 2026")]);
        assert_eq!(r.status, 303, "{}", r.body);
        let page = analyst.get("/indicators");
        let table = page.body.split("id=\"table-c2030-1\"").nth(1).unwrap().split("</table>").next().unwrap();
        let row = table.split("data-year=\"2026\"").nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(row.contains("81.4") && row.contains("deviation-below") && row.contains("-0.6"), "{row}");
    }
}
