//! The kinds of Assembly structures (SPEC §3.1), with the stable slugs the API uses.

use serde::{Deserialize, Serialize};

macro_rules! org_types {
    ($($variant:ident => $slug:literal, $kk:literal, $ru:literal, $en:literal;)*) => {
        /// A kind of structure of the Assembly.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum OrgType { $($variant),* }

        impl OrgType {
            pub const ALL: &'static [OrgType] = &[$(OrgType::$variant),*];

            /// The stable slug used in the API, the database and imports.
            pub fn slug(self) -> &'static str {
                match self { $(OrgType::$variant => $slug),* }
            }

            /// The name in Kazakh, Russian or English (`lang` is `kk`, `ru` or `en`).
            pub fn name(self, lang: &str) -> &'static str {
                match (self, lang) {
                    $((OrgType::$variant, "ru") => $ru,
                      (OrgType::$variant, "en") => $en,
                      (OrgType::$variant, _) => $kk,)*
                }
            }
        }
    };
}

org_types! {
    RepublicanAssembly => "republican_assembly", "Қазақстан халқы Ассамблеясы", "Ассамблея народа Казахстана", "Assembly of People of Kazakhstan";
    RegionalAssembly => "regional_assembly", "Өңірлік ассамблея", "Региональная ассамблея", "Regional assembly";
    DistrictAssembly => "district_assembly", "Аудандық ассамблея", "Районная ассамблея", "District assembly";
    LabourAssembly => "labour_assembly", "Еңбек ассамблеясы", "Трудовая ассамблея", "Labour assembly";
    StudentAssembly => "student_assembly", "Студенттік ассамблея", "Студенческая ассамблея", "Student assembly";
    EthnoculturalAssociation => "ethnocultural_association", "Этномәдени бірлестік", "Этнокультурное объединение", "Ethnocultural association";
    EldersCouncil => "elders_council", "Ақсақалдар кеңесі", "Совет аксакалов", "Council of Elders";
    MothersCouncil => "mothers_council", "Аналар кеңесі", "Совет матерей", "Council of Mothers";
    YouthWing => "youth_wing", "«Ассамблея жастары» филиалы", "Филиал «Ассамблея жастары»", "Youth wing branch";
    CharityCentre => "charity_centre", "«Жомарт жан» орталығы", "Центр «Жомарт жан»", "Zhomart zhan charity centre";
    MediationCentre => "mediation_centre", "Медиация орталығы", "Центр медиации", "Mediation centre";
    MediationCouncil => "mediation_council", "Медиация кеңесі", "Совет медиации", "Mediation council";
    HouseOfFriendship => "house_of_friendship", "Достық үйі", "Дом дружбы", "House of Friendship";
    ExpertGroup => "expert_group", "Ғылыми-сарапшылық топ", "Научно-экспертная группа", "Scientific-expert group";
    AssemblyChair => "assembly_chair", "ҚХА кафедрасы", "Кафедра Ассамблеи", "Assembly chair";
    JournalistsClub => "journalists_club", "Журналистер клубы", "Клуб журналистов", "Journalists' club";
    CreativeTeam => "creative_team", "Шығармашылық ұжым", "Творческий коллектив", "Creative team";
    Theatre => "theatre", "Этникалық театр", "Этнический театр", "Ethnic theatre";
    MediaOutlet => "media_outlet", "Этникалық БАҚ", "Этническое СМИ", "Ethnic media outlet";
    SundaySchool => "sunday_school", "Жексенбілік мектеп", "Воскресная школа", "Sunday school";
    FriendshipAmbassador => "friendship_ambassador", "Достық елшісі", "Посол дружбы", "Friendship ambassador";
}

impl OrgType {
    pub fn from_slug(s: &str) -> Option<OrgType> {
        OrgType::ALL.iter().copied().find(|t| t.slug() == s)
    }

    /// Only associations go through public accreditation (re-accredited in 2022 and 2025).
    pub fn is_accredited(self) -> bool {
        self == OrgType::EthnoculturalAssociation
    }

    /// Media outlets carry their publication languages.
    pub fn has_languages(self) -> bool {
        self == OrgType::MediaOutlet
    }

    /// The republican Assembly is the root and has no region.
    pub fn is_national(self) -> bool {
        self == OrgType::RepublicanAssembly
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_slugs_are_all_there() {
        let slugs: Vec<&str> = OrgType::ALL.iter().map(|t| t.slug()).collect();
        for s in [
            "republican_assembly", "regional_assembly", "district_assembly", "labour_assembly", "student_assembly",
            "ethnocultural_association", "elders_council", "mothers_council", "youth_wing", "charity_centre",
            "mediation_centre", "mediation_council", "house_of_friendship", "expert_group", "assembly_chair",
            "journalists_club", "creative_team", "theatre", "media_outlet", "sunday_school", "friendship_ambassador",
        ] {
            assert!(slugs.contains(&s), "{s}");
            assert_eq!(OrgType::from_slug(s).map(|t| t.slug()), Some(s));
        }
        assert_eq!(slugs.len(), 21);
    }

    #[test]
    fn names_use_the_glossary() {
        assert_eq!(OrgType::EldersCouncil.name("kk"), "Ақсақалдар кеңесі");
        assert_eq!(OrgType::EldersCouncil.name("ru"), "Совет аксакалов");
        assert_eq!(OrgType::HouseOfFriendship.name("en"), "House of Friendship");
    }
}
