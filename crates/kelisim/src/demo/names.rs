//! Words the demo builds names from. Everything made from them is marked as
//! demo data.

/// (group slug, Russian adjective, Kazakh attribute, English adjective, language code)
pub const GROUP_FORMS: &[(&str, &str, &str, &str, Option<&str>)] = &[
    ("russian", "Русский", "орыс", "Russian", Some("ru")),
    ("uzbek", "Узбекский", "өзбек", "Uzbek", Some("uz")),
    ("ukrainian", "Украинский", "украин", "Ukrainian", Some("uk")),
    ("uyghur", "Уйгурский", "ұйғыр", "Uyghur", Some("ug")),
    ("german", "Немецкий", "неміс", "German", Some("de")),
    ("tatar", "Татарский", "татар", "Tatar", Some("tt")),
    ("azerbaijani", "Азербайджанский", "әзербайжан", "Azerbaijani", Some("az")),
    ("korean", "Корейский", "корей", "Korean", Some("ko")),
    ("turkish", "Турецкий", "түрік", "Turkish", Some("tr")),
    ("dungan", "Дунганский", "дүнген", "Dungan", Some("dng")),
    ("belarusian", "Белорусский", "беларус", "Belarusian", None),
    ("tajik", "Таджикский", "тәжік", "Tajik", Some("tg")),
    ("kurdish", "Курдский", "күрд", "Kurdish", None),
    ("chechen", "Чеченский", "шешен", "Chechen", None),
    ("kyrgyz", "Кыргызский", "қырғыз", "Kyrgyz", None),
    ("bashkir", "Башкирский", "башқұрт", "Bashkir", None),
    ("polish", "Польский", "поляк", "Polish", Some("pl")),
    ("ingush", "Ингушский", "ингуш", "Ingush", None),
    ("moldovan", "Молдавский", "молдаван", "Moldovan", None),
    ("armenian", "Армянский", "армян", "Armenian", Some("hy")),
    ("greek", "Греческий", "грек", "Greek", None),
    ("chuvash", "Чувашский", "чуваш", "Chuvash", None),
    ("lezgin", "Лезгинский", "лезгин", "Lezgin", None),
    ("bulgarian", "Болгарский", "болгар", "Bulgarian", None),
    ("jewish", "Еврейский", "еврей", "Jewish", Some("he")),
    ("georgian", "Грузинский", "грузин", "Georgian", None),
    ("lithuanian", "Литовский", "литва", "Lithuanian", None),
    ("karachay", "Карачаевский", "қарашай", "Karachay", None),
    ("mordvin", "Мордовский", "мордва", "Mordvin", None),
    ("kazakh", "Казахский", "қазақ", "Kazakh", Some("kk")),
];

/// Proper names for associations, clubs and teams: (Cyrillic, Latin).
pub const TITLES: &[(&str, &str)] = &[
    ("Достық", "Dostyq"), ("Бірлік", "Birlik"), ("Келісім", "Kelisim"), ("Шаңырақ", "Shanyraq"), ("Мұра", "Mura"),
    ("Ынтымақ", "Yntymaq"), ("Атамекен", "Atameken"), ("Жарасым", "Zharasym"), ("Үміт", "Umit"), ("Береке", "Bereke"),
    ("Отан", "Otan"), ("Тағдыр", "Tagdyr"), ("Мейірім", "Meyirim"), ("Сенім", "Senim"), ("Жасыл ел", "Zhasyl el"),
    ("Нұр", "Nur"), ("Бәйтерек", "Baiterek"), ("Ақниет", "Aqniet"), ("Арман", "Arman"), ("Тұмар", "Tumar"),
];

/// (surname, male first names, female first names) by group; Kazakh by default.
pub fn person_names(group: &str) -> (&'static [&'static str], &'static [&'static str], &'static [&'static str]) {
    match group {
        "russian" | "ukrainian" | "belarusian" | "german" | "polish" => (
            &["Иванов", "Петренко", "Шмидт", "Ковальчук", "Смирнов", "Миллер", "Кузнецов", "Бондаренко", "Новак", "Волков"],
            &["Александр", "Сергей", "Андрей", "Виктор", "Николай", "Владимир"],
            &["Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана"],
        ),
        "korean" => (&["Ким", "Пак", "Ли", "Цой", "Хан", "Тен"], &["Виктор", "Олег", "Максим", "Роман"], &["Марина", "Анна", "Алла", "Лилия"]),
        "uzbek" | "uyghur" | "tajik" | "dungan" | "kyrgyz" => (
            &["Юсупов", "Рахимов", "Мамедов", "Исмаилов", "Турсунов", "Абдуллаев", "Хасанов", "Масимов"],
            &["Рустам", "Алишер", "Фархад", "Шухрат", "Дильмурат"],
            &["Дилноза", "Гульнара", "Зульфия", "Мадина", "Нигора"],
        ),
        "tatar" | "bashkir" | "chechen" | "ingush" | "azerbaijani" | "turkish" | "kurdish" => (
            &["Хабибуллин", "Гарипов", "Алиев", "Гасанов", "Ахмадов", "Исаев", "Шарипов"],
            &["Ринат", "Ильдар", "Руслан", "Эльдар", "Тимур"],
            &["Альфия", "Гульшат", "Эльмира", "Лейла", "Зарема"],
        ),
        _ => (
            &["Ахметов", "Серікбаев", "Жұмабеков", "Нұрланов", "Есенов", "Қасымов", "Омаров", "Тоқтаров", "Бекенов", "Сәрсенов"],
            &["Ерлан", "Бауыржан", "Нұрлан", "Асқар", "Серік", "Дәурен", "Арман", "Қайрат"],
            &["Айгүл", "Гүлнар", "Динара", "Сәуле", "Жанар", "Айжан", "Ботагөз", "Мадина"],
        ),
    }
}

/// Approximate coordinates of each region's administrative centre (lat, lon).
pub fn centre(kato: &str) -> (f64, f64) {
    match &kato[..2] {
        "10" => (50.41, 80.23),
        "11" => (53.28, 69.39),
        "15" => (50.28, 57.17),
        "19" => (43.87, 77.07),
        "23" => (47.11, 51.92),
        "27" => (51.23, 51.37),
        "31" => (42.90, 71.37),
        "33" => (45.02, 78.37),
        "35" => (49.81, 73.09),
        "39" => (53.21, 63.63),
        "43" => (44.85, 65.51),
        "47" => (43.65, 51.16),
        "55" => (52.29, 76.95),
        "59" => (54.87, 69.14),
        "61" => (43.30, 68.25),
        "62" => (47.80, 67.71),
        "63" => (49.95, 82.61),
        "71" => (51.17, 71.45),
        "75" => (43.24, 76.89),
        _ => (42.32, 69.59),
    }
}

/// How much more often a group has associations in a region than its national
/// weight suggests (compact settlement), by the region's first two KATO digits.
pub fn regional_boost(group: &str, kato: &str) -> f64 {
    let r = &kato[..2];
    let table: &[(&str, &[&str], f64)] = &[
        ("uzbek", &["61", "79"], 6.0),
        ("uzbek", &["31"], 2.0),
        ("uyghur", &["19", "75"], 5.0),
        ("uyghur", &["33"], 3.0),
        ("german", &["11", "35", "39", "55", "59"], 3.0),
        ("german", &["63", "10"], 2.0),
        ("ukrainian", &["11", "39", "55", "59", "35"], 3.0),
        ("korean", &["75", "43"], 3.0),
        ("korean", &["19", "71"], 2.0),
        ("russian", &["59", "55", "39", "63", "11", "35"], 2.0),
        ("tatar", &["27", "15", "35", "59"], 2.0),
        ("azerbaijani", &["31", "61", "79"], 2.0),
        ("turkish", &["19", "31", "61"], 2.0),
        ("dungan", &["31"], 6.0),
        ("dungan", &["19"], 2.0),
        ("chechen", &["35", "39", "55"], 2.0),
        ("kurdish", &["31", "61"], 2.0),
        ("belarusian", &["11", "59", "39"], 2.0),
        ("kyrgyz", &["31", "19"], 3.0),
    ];
    table.iter().filter(|(g, regions, _)| *g == group && regions.contains(&r)).map(|(_, _, f)| *f).fold(1.0, f64::max)
}
