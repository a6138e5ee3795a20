//! Districts (аудан / район) and cities of regional significance of each region,
//! and the districts of the three cities of republican significance.
//!
//! Names are the official ones in kk/ru/en. Codes follow the KATO layout
//! (region digits, then a four-digit district part, then zeros) but the district
//! part is assigned here in list order: the official district codes are not in
//! the seeds and the project has no copy of the classifier. ARCHITECTURE.md
//! records this; an administrator replaces them with the classifier's codes by
//! importing a corrected register.

#[derive(Debug, Clone)]
pub struct District {
    pub kato: String,
    pub region_kato: &'static str,
    pub name_kk: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
}

/// (region KATO, [(en, kk, ru)]) — cities first, then districts.
const LIST: &[(&str, &[(&str, &str, &str)])] = &[
    ("100000000", &[
        ("Semey city", "Семей қаласы", "город Семей"), ("Kurchatov city", "Курчатов қаласы", "город Курчатов"),
        ("Abai District", "Абай ауданы", "Абайский район"), ("Aksuat District", "Ақсуат ауданы", "Аксуатский район"),
        ("Ayagoz District", "Аягөз ауданы", "Аягозский район"), ("Beskaragai District", "Бесқарағай ауданы", "Бескарагайский район"),
        ("Borodulikha District", "Бородулиха ауданы", "Бородулихинский район"), ("Zhanasemey District", "Жаңасемей ауданы", "Жанасемейский район"),
        ("Zharma District", "Жарма ауданы", "Жарминский район"), ("Kokpekty District", "Көкпекті ауданы", "Кокпектинский район"),
        ("Urzhar District", "Үржар ауданы", "Урджарский район"), ("Makanshy District", "Мақаншы ауданы", "Маканчинский район"),
    ]),
    ("110000000", &[
        ("Kokshetau city", "Көкшетау қаласы", "город Кокшетау"), ("Stepnogorsk city", "Степногорск қаласы", "город Степногорск"),
        ("Akkol District", "Ақкөл ауданы", "Аккольский район"), ("Arshaly District", "Аршалы ауданы", "Аршалынский район"),
        ("Astrakhan District", "Астрахан ауданы", "Астраханский район"), ("Atbasar District", "Атбасар ауданы", "Атбасарский район"),
        ("Bulandy District", "Буланды ауданы", "Буландынский район"), ("Burabay District", "Бурабай ауданы", "Бурабайский район"),
        ("Egindykol District", "Егіндікөл ауданы", "Егиндыкольский район"), ("Birzhan Sal District", "Біржан сал ауданы", "район Биржан сал"),
        ("Ereymentau District", "Ерейментау ауданы", "Ерейментауский район"), ("Esil District", "Есіл ауданы", "Есильский район"),
        ("Zhaksy District", "Жақсы ауданы", "Жаксынский район"), ("Zharkain District", "Жарқайың ауданы", "Жаркаинский район"),
        ("Zerendi District", "Зеренді ауданы", "Зерендинский район"), ("Korgalzhyn District", "Қорғалжын ауданы", "Коргалжынский район"),
        ("Sandyktau District", "Сандықтау ауданы", "Сандыктауский район"), ("Tselinograd District", "Целиноград ауданы", "Целиноградский район"),
        ("Shortandy District", "Шортанды ауданы", "Шортандинский район"),
    ]),
    ("150000000", &[
        ("Aktobe city", "Ақтөбе қаласы", "город Актобе"), ("Alga District", "Алға ауданы", "Алгинский район"),
        ("Aiteke Bi District", "Әйтеке би ауданы", "район Айтеке би"), ("Baiganin District", "Байғанин ауданы", "Байганинский район"),
        ("Irgiz District", "Ырғыз ауданы", "Иргизский район"), ("Kargaly District", "Қарғалы ауданы", "Каргалинский район"),
        ("Kobda District", "Қобда ауданы", "Хобдинский район"), ("Martuk District", "Мәртөк ауданы", "Мартукский район"),
        ("Mugalzhar District", "Мұғалжар ауданы", "Мугалжарский район"), ("Oiyl District", "Ойыл ауданы", "Уилский район"),
        ("Temir District", "Темір ауданы", "Темирский район"), ("Khromtau District", "Хромтау ауданы", "Хромтауский район"),
        ("Shalkar District", "Шалқар ауданы", "Шалкарский район"),
    ]),
    ("190000000", &[
        ("Konaev city", "Қонаев қаласы", "город Конаев"), ("Alatau city", "Алатау қаласы", "город Алатау"),
        ("Balkhash District", "Балқаш ауданы", "Балхашский район"), ("Enbekshikazakh District", "Еңбекшіқазақ ауданы", "Енбекшиказахский район"),
        ("Zhambyl District", "Жамбыл ауданы", "Жамбылский район"), ("Ile District", "Іле ауданы", "Илийский район"),
        ("Karasai District", "Қарасай ауданы", "Карасайский район"), ("Kegen District", "Кеген ауданы", "Кегенский район"),
        ("Raiymbek District", "Райымбек ауданы", "Райымбекский район"), ("Talgar District", "Талғар ауданы", "Талгарский район"),
        ("Uigur District", "Ұйғыр ауданы", "Уйгурский район"),
    ]),
    ("230000000", &[
        ("Atyrau city", "Атырау қаласы", "город Атырау"), ("Zhylyoi District", "Жылыой ауданы", "Жылыойский район"),
        ("Inder District", "Индер ауданы", "Индерский район"), ("Isatai District", "Исатай ауданы", "Исатайский район"),
        ("Kurmangazy District", "Құрманғазы ауданы", "Курмангазинский район"), ("Kyzylkoga District", "Қызылқоға ауданы", "Кызылкогинский район"),
        ("Makat District", "Мақат ауданы", "Макатский район"), ("Makhambet District", "Махамбет ауданы", "Махамбетский район"),
    ]),
    ("270000000", &[
        ("Oral city", "Орал қаласы", "город Уральск"), ("Akzhaik District", "Ақжайық ауданы", "Акжаикский район"),
        ("Baiterek District", "Бәйтерек ауданы", "Байтерекский район"), ("Bokey Orda District", "Бөкей ордасы ауданы", "Бокейординский район"),
        ("Burlin District", "Бөрлі ауданы", "Бурлинский район"), ("Zhanibek District", "Жәнібек ауданы", "Жанибекский район"),
        ("Zhangala District", "Жаңақала ауданы", "Жангалинский район"), ("Kaztalov District", "Қазталов ауданы", "Казталовский район"),
        ("Karatobe District", "Қаратөбе ауданы", "Каратобинский район"), ("Syrym District", "Сырым ауданы", "Сырымский район"),
        ("Taskala District", "Тасқала ауданы", "Таскалинский район"), ("Terekti District", "Теректі ауданы", "Теректинский район"),
        ("Shyngyrlau District", "Шыңғырлау ауданы", "Чингирлауский район"),
    ]),
    ("310000000", &[
        ("Taraz city", "Тараз қаласы", "город Тараз"), ("Baizak District", "Байзақ ауданы", "Байзакский район"),
        ("Zhambyl District", "Жамбыл ауданы", "Жамбылский район"), ("Zhualy District", "Жуалы ауданы", "Жуалынский район"),
        ("Korday District", "Қордай ауданы", "Кордайский район"), ("Merke District", "Меркі ауданы", "Меркенский район"),
        ("Moiynkum District", "Мойынқұм ауданы", "Мойынкумский район"), ("Sarysu District", "Сарысу ауданы", "Сарысуский район"),
        ("Talas District", "Талас ауданы", "Таласский район"), ("Turar Ryskulov District", "Тұрар Рысқұлов ауданы", "район Турара Рыскулова"),
        ("Shu District", "Шу ауданы", "Шуский район"),
    ]),
    ("330000000", &[
        ("Taldykorgan city", "Талдықорған қаласы", "город Талдыкорган"), ("Tekeli city", "Текелі қаласы", "город Текели"),
        ("Aksu District", "Ақсу ауданы", "Аксуский район"), ("Alakol District", "Алакөл ауданы", "Алакольский район"),
        ("Eskeldi District", "Ескелді ауданы", "Ескельдинский район"), ("Karatal District", "Қаратал ауданы", "Каратальский район"),
        ("Kerbulak District", "Кербұлақ ауданы", "Кербулакский район"), ("Koksu District", "Көксу ауданы", "Коксуский район"),
        ("Panfilov District", "Панфилов ауданы", "Панфиловский район"), ("Sarkand District", "Сарқан ауданы", "Саркандский район"),
    ]),
    ("350000000", &[
        ("Karaganda city", "Қарағанды қаласы", "город Караганда"), ("Temirtau city", "Теміртау қаласы", "город Темиртау"),
        ("Balkhash city", "Балқаш қаласы", "город Балхаш"), ("Saran city", "Саран қаласы", "город Сарань"),
        ("Shakhtinsk city", "Шахтинск қаласы", "город Шахтинск"), ("Abai District", "Абай ауданы", "Абайский район"),
        ("Aktogai District", "Ақтоғай ауданы", "Актогайский район"), ("Bukhar-Zhyrau District", "Бұқар жырау ауданы", "Бухар-Жырауский район"),
        ("Karkaraly District", "Қарқаралы ауданы", "Каркаралинский район"), ("Nura District", "Нұра ауданы", "Нуринский район"),
        ("Osakarov District", "Осакаров ауданы", "Осакаровский район"), ("Shet District", "Шет ауданы", "Шетский район"),
    ]),
    ("390000000", &[
        ("Kostanay city", "Қостанай қаласы", "город Костанай"), ("Rudny city", "Рудный қаласы", "город Рудный"),
        ("Lisakovsk city", "Лисаков қаласы", "город Лисаковск"), ("Arkalyk city", "Арқалық қаласы", "город Аркалык"),
        ("Altynsarin District", "Алтынсарин ауданы", "Алтынсаринский район"), ("Amangeldi District", "Амангелді ауданы", "Амангельдинский район"),
        ("Auliekol District", "Әулиекөл ауданы", "Аулиекольский район"), ("Denisov District", "Денисов ауданы", "Денисовский район"),
        ("Zhangeldi District", "Жангелдин ауданы", "Джангельдинский район"), ("Zhitikara District", "Жітіқара ауданы", "Житикаринский район"),
        ("Kamysty District", "Қамысты ауданы", "Камыстинский район"), ("Karabalyk District", "Қарабалық ауданы", "Карабалыкский район"),
        ("Karasu District", "Қарасу ауданы", "Карасуский район"), ("Kostanay District", "Қостанай ауданы", "Костанайский район"),
        ("Mendykara District", "Меңдіқара ауданы", "Мендыкаринский район"), ("Naurzum District", "Наурызым ауданы", "Наурзумский район"),
        ("Sarykol District", "Сарыкөл ауданы", "Сарыкольский район"), ("Beimbet Mailin District", "Бейімбет Майлин ауданы", "район Беимбета Майлина"),
        ("Uzunkol District", "Ұзынкөл ауданы", "Узункольский район"), ("Fedorov District", "Федоров ауданы", "Федоровский район"),
    ]),
    ("430000000", &[
        ("Kyzylorda city", "Қызылорда қаласы", "город Кызылорда"), ("Aral District", "Арал ауданы", "Аральский район"),
        ("Zhalagash District", "Жалағаш ауданы", "Жалагашский район"), ("Zhanakorgan District", "Жаңақорған ауданы", "Жанакорганский район"),
        ("Kazaly District", "Қазалы ауданы", "Казалинский район"), ("Karmakshy District", "Қармақшы ауданы", "Кармакшинский район"),
        ("Syrdarya District", "Сырдария ауданы", "Сырдарьинский район"), ("Shieli District", "Шиелі ауданы", "Шиелийский район"),
    ]),
    ("470000000", &[
        ("Aktau city", "Ақтау қаласы", "город Актау"), ("Zhanaozen city", "Жаңаөзен қаласы", "город Жанаозен"),
        ("Beineu District", "Бейнеу ауданы", "Бейнеуский район"), ("Karakiya District", "Қарақия ауданы", "Каракиянский район"),
        ("Mangystau District", "Маңғыстау ауданы", "Мангистауский район"), ("Munaily District", "Мұнайлы ауданы", "Мунайлинский район"),
        ("Tupkaragan District", "Түпқараған ауданы", "Тупкараганский район"),
    ]),
    ("550000000", &[
        ("Pavlodar city", "Павлодар қаласы", "город Павлодар"), ("Aksu city", "Ақсу қаласы", "город Аксу"),
        ("Ekibastuz city", "Екібастұз қаласы", "город Экибастуз"), ("Aktogai District", "Ақтоғай ауданы", "Актогайский район"),
        ("Bayanaul District", "Баянауыл ауданы", "Баянаульский район"), ("Zhelezin District", "Железин ауданы", "Железинский район"),
        ("Irtysh District", "Ертіс ауданы", "Иртышский район"), ("Terenkol District", "Тереңкөл ауданы", "Теренкольский район"),
        ("Akkuly District", "Аққулы ауданы", "Аккулинский район"), ("May District", "Май ауданы", "Майский район"),
        ("Pavlodar District", "Павлодар ауданы", "Павлодарский район"), ("Uspen District", "Успен ауданы", "Успенский район"),
        ("Sharbakty District", "Шарбақты ауданы", "Щербактинский район"),
    ]),
    ("590000000", &[
        ("Petropavl city", "Петропавл қаласы", "город Петропавловск"), ("Aiyrtau District", "Айыртау ауданы", "Айыртауский район"),
        ("Akkaiyn District", "Аққайың ауданы", "Аккайынский район"), ("Akzhar District", "Ақжар ауданы", "Акжарский район"),
        ("Esil District", "Есіл ауданы", "Есильский район"), ("Zhambyl District", "Жамбыл ауданы", "Жамбылский район"),
        ("Magzhan Zhumabayev District", "Мағжан Жұмабаев ауданы", "район Магжана Жумабаева"), ("Kyzylzhar District", "Қызылжар ауданы", "Кызылжарский район"),
        ("Mamlyut District", "Мамлют ауданы", "Мамлютский район"), ("Gabit Musrepov District", "Ғабит Мүсірепов ауданы", "район имени Габита Мусрепова"),
        ("Taiynsha District", "Тайынша ауданы", "Тайыншинский район"), ("Timiryazev District", "Тимирязев ауданы", "Тимирязевский район"),
        ("Ualikhanov District", "Уәлиханов ауданы", "Уалихановский район"), ("Shal Akyn District", "Шал ақын ауданы", "район Шал акына"),
    ]),
    ("610000000", &[
        ("Turkistan city", "Түркістан қаласы", "город Туркестан"), ("Kentau city", "Кентау қаласы", "город Кентау"),
        ("Arys city", "Арыс қаласы", "город Арыс"), ("Baidibek District", "Бәйдібек ауданы", "Байдибекский район"),
        ("Zhetisai District", "Жетісай ауданы", "Жетысайский район"), ("Kazygurt District", "Қазығұрт ауданы", "Казыгуртский район"),
        ("Keles District", "Келес ауданы", "Келесский район"), ("Maktaaral District", "Мақтаарал ауданы", "Мактааральский район"),
        ("Ordabasy District", "Ордабасы ауданы", "Ордабасинский район"), ("Otyrar District", "Отырар ауданы", "Отырарский район"),
        ("Sairam District", "Сайрам ауданы", "Сайрамский район"), ("Saryagash District", "Сарыағаш ауданы", "Сарыагашский район"),
        ("Sozak District", "Созақ ауданы", "Сузакский район"), ("Tolebi District", "Төлеби ауданы", "Толебийский район"),
        ("Tulkibas District", "Түлкібас ауданы", "Тюлькубасский район"), ("Shardara District", "Шардара ауданы", "Шардаринский район"),
    ]),
    ("620000000", &[
        ("Zhezkazgan city", "Жезқазған қаласы", "город Жезказган"), ("Satpayev city", "Сәтбаев қаласы", "город Сатпаев"),
        ("Karazhal city", "Қаражал қаласы", "город Каражал"), ("Ulytau District", "Ұлытау ауданы", "Улытауский район"),
        ("Zhanaarka District", "Жаңаарқа ауданы", "Жанааркинский район"),
    ]),
    ("630000000", &[
        ("Oskemen city", "Өскемен қаласы", "город Усть-Каменогорск"), ("Ridder city", "Риддер қаласы", "город Риддер"),
        ("Altai District", "Алтай ауданы", "район Алтай"), ("Glubokoe District", "Глубокое ауданы", "Глубоковский район"),
        ("Zaisan District", "Зайсан ауданы", "Зайсанский район"), ("Katonkaragai District", "Катонқарағай ауданы", "Катон-Карагайский район"),
        ("Kurshim District", "Күршім ауданы", "Курчумский район"), ("Markakol District", "Марқакөл ауданы", "Маркакольский район"),
        ("Samar District", "Самар ауданы", "Самарский район"), ("Tarbagatai District", "Тарбағатай ауданы", "Тарбагатайский район"),
        ("Ulan District", "Ұлан ауданы", "Уланский район"), ("Shemonaikha District", "Шемонаиха ауданы", "Шемонаихинский район"),
    ]),
    ("710000000", &[
        ("Almaty District (Astana)", "Алматы ауданы", "район Алматы"), ("Baikonyr District", "Байқоңыр ауданы", "район Байконыр"),
        ("Esil District (Astana)", "Есіл ауданы", "район Есиль"), ("Nura District (Astana)", "Нұра ауданы", "район Нура"),
        ("Saryarka District", "Сарыарқа ауданы", "район Сарыарка"),
    ]),
    ("750000000", &[
        ("Alatau District", "Алатау ауданы", "Алатауский район"), ("Almaly District", "Алмалы ауданы", "Алмалинский район"),
        ("Auezov District", "Әуезов ауданы", "Ауэзовский район"), ("Bostandyk District", "Бостандық ауданы", "Бостандыкский район"),
        ("Zhetysu District", "Жетісу ауданы", "Жетысуский район"), ("Medeu District", "Медеу ауданы", "Медеуский район"),
        ("Nauryzbay District", "Наурызбай ауданы", "Наурызбайский район"), ("Turksib District", "Түрксіб ауданы", "Турксибский район"),
    ]),
    ("790000000", &[
        ("Abai District (Shymkent)", "Абай ауданы", "Абайский район"), ("Al-Farabi District", "Әл-Фараби ауданы", "Аль-Фарабийский район"),
        ("Enbekshi District", "Еңбекші ауданы", "Енбекшинский район"), ("Karatau District", "Қаратау ауданы", "Каратауский район"),
        ("Turan District", "Тұран ауданы", "район Туран"),
    ]),
];

/// Every district, with its code in the KATO layout (see the module note).
pub fn all() -> Vec<District> {
    let mut out = Vec::new();
    for (region, items) in LIST {
        for (i, (en, kk, ru)) in items.iter().enumerate() {
            out.push(District {
                kato: format!("{}{:02}{:05}", &region[..2], 10 + i * 2, 0),
                region_kato: region,
                name_kk: kk,
                name_ru: ru,
                name_en: en,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::REGIONS;

    #[test]
    fn every_region_has_districts_and_codes_are_unique() {
        let all = all();
        for r in REGIONS {
            assert!(all.iter().any(|d| d.region_kato == r.kato), "{}", r.name_en);
        }
        let mut codes: Vec<&str> = all.iter().map(|d| d.kato.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|d| d.kato.len() == 9 && d.kato.starts_with(&d.region_kato[..2])));
    }
}
