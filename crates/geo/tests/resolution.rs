//! Recognition and resolution on a small gazetteer with the real context rules
//! (`data/gazetteer/context.tsv`): the ambiguities the issue names.

use std::path::Path;
use vigie_geo::{Context, Gazetteer, Geocoder, Toponym};
use vigie_text::Lang;

const PLACES: &str = "\
2761369\tVienna\t48.20849\t16.37208\tP\tPPLC\tAT\t09\t1691468\tVienne|Wien
2969679\tVienne\t45.52569\t4.87484\tP\tPPL\tFR\t84\t29306\tVienne
2972191\tTours\t47.39484\t0.70398\tP\tPPLA2\tFR\t24\t136463\tTours
2975050\tSens\t48.19738\t3.28328\tP\tPPL\tFR\t27\t26000\tSens
2990440\tNice\t43.70313\t7.26608\tP\tPPLA2\tFR\t93\t338620\tNice
169389\tIdlib\t35.93062\t36.63393\tP\tPPLA\tSY\t12\t128840\tIdleb|Idlib
-9912\tIdlib Governorate\t35.83\t36.63\tA\tADM1\tSY\t12\t\tGouvernorat d'Idleb|Idleb|Idlib
169577\tHoms\t34.72682\t36.72339\tP\tPPLA\tSY\t11\t775404\tHoms|Hims
2219905\tAl Khums\t32.64861\t14.26191\tP\tPPLA\tLY\t60\t201943\tHoms|Khoms
170654\tDamascus\t33.5102\t36.29128\tP\tPPLC\tSY\t13\t1569394\tDamas
2210247\tTripoli\t32.88743\t13.18733\tP\tPPLC\tLY\t77\t1150989\tTripoli
266826\tTripoli\t34.43667\t35.84972\tP\tPPLA\tLB\t09\t229398\tTripoli
276781\tBeirut\t33.89332\t35.50157\tP\tPPLC\tLB\t04\t1916100\tBeyrouth
2867714\tMunich\t48.13743\t11.57549\tP\tPPLA\tDE\t02\t1260391\tMünchen|Munich
4140963\tWashington\t38.89511\t-77.03637\tP\tPPLC\tUS\t\t601723\tWashington
3017382\tFrance\t46.0\t2.0\tA\tPCLI\tFR\t\t66987244\tFrance
163843\tSyria\t35.0\t38.0\tA\tPCLI\tSY\t\t22198110\tSyrie
272103\tLebanon\t33.83333\t35.83333\tA\tPCLI\tLB\t\t6848925\tLiban
2750405\tNetherlands\t52.25\t5.75\tA\tPCLI\tNL\t\t17231017\tPays-Bas|Hollande
7258794\tKennedy Township\t40.47763\t-80.10313\tP\tPPL\tUS\tPA\t8701\tKennedy
4717560\tParis\t33.66094\t-95.55551\tP\tPPLA2\tUS\tTX\t24782\tParis
2988507\tParis\t48.85341\t2.3488\tP\tPPLC\tFR\t11\t2138551\tParis
4710000\tMelissa\t33.28\t-96.57\tP\tPPL\tUS\tTX\t13000\tMelissa
6100000\tTexas\t31.25\t-99.25\tA\tADM1\tUS\tTX\t29000000\tTexas
6618626\tParis 19e Arrondissement\t48.88\t2.38\tP\tPPLX\tFR\t11\t186393\tXIXe
3015417\tCher\t47.0\t2.5\tA\tADM2\tFR\t24\t0\tCher
3005000\tLe Syndicat\t48.02\t6.67\tP\tPPL\tFR\t44\t2000\tLe Syndicat
6252001\tUnited States\t39.76\t-98.5\tA\tPCLI\tUS\t\t327167434\tÉtats-Unis
";

fn geocoder() -> Geocoder {
    let mut gazetteer = Gazetteer::default();
    gazetteer
        .read(Path::new("test.tsv"), PLACES.as_bytes(), false)
        .unwrap();
    assert!(gazetteer.warnings.is_empty(), "{:?}", gazetteer.warnings);
    let mut context = Context::default();
    let rules = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/gazetteer/context.tsv"
    ))
    .unwrap();
    context.read_phrases("context.tsv", &rules);
    assert!(context.warnings.is_empty(), "{:?}", context.warnings);
    context.add_common_words(Lang::Fr, ["vienne", "tours", "sens"]);
    context.add_common_words(Lang::En, ["nice"]);
    context.add_given_names(["François", "John", "George", "Melissa"]);
    context.add_surnames(["Kennedy", "Hollande"]);
    Geocoder {
        gazetteer,
        context,
        demonyms: Default::default(),
        alpha2: Default::default(),
        place_demonyms: Default::default(),
        abbreviations: Default::default(),
    }
}

fn places(geo: &Geocoder, text: &str, lang: Lang) -> Vec<Toponym> {
    let analysed = vigie_text::analyse(text, &std::collections::HashSet::<String>::new());
    geo.toponyms(text, &analysed, lang)
}

fn resolved(geo: &Geocoder, text: &str, lang: Lang) -> Vec<(String, String, String)> {
    places(geo, text, lang)
        .into_iter()
        .filter_map(|t| {
            let p = t.place?;
            Some((t.text, p.country, p.feature_code))
        })
        .collect()
}

#[test]
fn vienne_is_vienna_unless_the_article_is_about_france() {
    let geo = geocoder();
    let r = resolved(
        &geo,
        "Lavrov a tenu une conférence de presse à Vienne, en marge de la réunion de l'OSCE.",
        Lang::Fr,
    );
    assert_eq!(r[0], ("Vienne".into(), "AT".into(), "PPLC".into()));
    let r = resolved(
        &geo,
        "En France, la mairie de Vienne a fermé ses écoles ; à Vienne, les parents s'inquiètent.",
        Lang::Fr,
    );
    assert!(
        r.iter().filter(|p| p.0 == "Vienne").all(|p| p.1 == "FR"),
        "{r:?}"
    );
}

#[test]
fn common_words_are_not_places() {
    let geo = geocoder();
    assert!(resolved(&geo, "Il faut qu'il vienne demain.", Lang::Fr).is_empty());
    assert!(resolved(&geo, "Tours et détours de la diplomatie russe.", Lang::Fr).is_empty());
    assert!(resolved(&geo, "Sens interdit pour les camions.", Lang::Fr).is_empty());
    assert_eq!(
        resolved(
            &geo,
            "Une manifestation a eu lieu à Tours samedi.",
            Lang::Fr
        )
        .len(),
        1
    );
    assert!(resolved(&geo, "Nice weather in the capital.", Lang::En).is_empty());
}

#[test]
fn names_inside_longer_names_and_persons() {
    let geo = geocoder();
    assert!(resolved(&geo, "George Washington crossed the river.", Lang::En).is_empty());
    assert!(resolved(&geo, "The Washington Post reported it.", Lang::En).is_empty());
    let t = places(
        &geo,
        "La Banque de France a relevé ses prévisions.",
        Lang::Fr,
    );
    assert!(t.iter().all(|t| t.in_organisation), "{t:?}");
    let t = places(
        &geo,
        "Lors de la Conférence sur la sécurité de Munich, Lavrov a parlé.",
        Lang::Fr,
    );
    assert_eq!(t.len(), 1);
    assert!(
        !t[0].in_organisation,
        "the conference does take place in Munich"
    );
}

#[test]
fn region_heads_and_document_focus_decide() {
    let geo = geocoder();
    let r = resolved(
        &geo,
        "Les combats se poursuivent dans la province d'Idleb.",
        Lang::Fr,
    );
    assert_eq!(r, vec![("Idleb".into(), "SY".into(), "ADM1".into())]);
    let r = resolved(
        &geo,
        "Les forces syriennes sont entrées dans la ville d'Idleb.",
        Lang::Fr,
    );
    assert_eq!(r[0].2, "PPLA");
    let r = resolved(&geo, "Depuis Damas, le régime a bombardé Homs.", Lang::Fr);
    assert_eq!(r[1], ("Homs".into(), "SY".into(), "PPLA".into()));
    let r = resolved(
        &geo,
        "Tripoli a été bombardée, selon le gouvernement de Tripoli.",
        Lang::Fr,
    );
    assert!(r.iter().all(|p| p.1 == "LY"), "{r:?}");
    let r = resolved(
        &geo,
        "Au Liban, après Beyrouth, des manifestations ont eu lieu à Tripoli.",
        Lang::Fr,
    );
    assert_eq!(r.last().unwrap().1, "LB", "{r:?}");
}

#[test]
fn given_spans_are_resolved_with_the_documents_focus() {
    let geo = geocoder();
    let text = "Après Beyrouth, la contestation a gagné Tripoli, deuxième ville du Liban.";
    let analysed = vigie_text::analyse(text, &std::collections::HashSet::<String>::new());
    let start = text.chars().collect::<String>().find("Tripoli").unwrap();
    let start = text[..start].chars().count();
    let out = geo.resolve_spans(text, &analysed, Lang::Fr, &[(start, start + 7), (0, 5)]);
    assert_eq!(
        out[0].as_ref().unwrap().place.as_ref().unwrap().country,
        "LB"
    );
    // A span the gazetteer lacks is taken to be where the article is.
    assert_eq!(
        out[1].as_ref().unwrap().place.as_ref().unwrap().country,
        "LB"
    );
}

/// Code-point span of the first occurrence of `needle` in `text`.
fn span_of(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

#[test]
fn given_streets_and_institutions_are_placed_by_what_they_hold() {
    let geo = geocoder();
    let text = "Protesters marched from Beirut to the British Embassy Beirut, then gathered on \
                Washington Square before heading north to Tripoli.";
    let analysed = vigie_text::analyse(text, &std::collections::HashSet::<String>::new());
    let spans = [
        span_of(text, "Beirut"),
        span_of(text, "British Embassy Beirut"),
        span_of(text, "Washington Square"),
        span_of(text, "Tripoli"),
    ];
    let out = geo.resolve_spans(text, &analysed, Lang::En, &spans);
    let name = |i: usize| {
        out[i]
            .as_ref()
            .and_then(|t| t.place.as_ref())
            .map(|p| (p.name.clone(), p.country.clone()))
    };
    // A well-known name inside an institution's name locates it.
    assert_eq!(name(1), Some(("Beirut".into(), "LB".into())));
    // A square named after Washington is not in Washington: it is in the article's place,
    // the place its given names name most.
    assert_eq!(name(2), Some(("Beirut".into(), "LB".into())));
    assert_eq!(name(3), Some(("Tripoli".into(), "LB".into())));
}

#[test]
fn people_are_not_places() {
    let geo = geocoder();
    // A given name opens a person's name, even over a middle initial.
    let r = resolved(&geo, "François Hollande a parlé à Beyrouth.", Lang::Fr);
    assert!(r.iter().all(|p| p.1 == "LB"), "{r:?}");
    assert!(resolved(&geo, "He admired John F. Kennedy.", Lang::En).is_empty());
    // A surname alone is a person unless a prominent place bears it.
    assert!(resolved(&geo, "Le président Kennedy est venu.", Lang::Fr).is_empty());
    // A given name alone, a small town abroad: a person; « à » makes it a place.
    assert!(resolved(&geo, "Le papa de Melissa a témoigné.", Lang::Fr).is_empty());
    let r = resolved(&geo, "Il est né à Melissa, au Texas.", Lang::Fr);
    assert!(r.iter().any(|p| p.0 == "Melissa" && p.1 == "US"), "{r:?}");
}

#[test]
fn a_lone_small_town_abroad_needs_a_cue_or_company() {
    let geo = geocoder();
    // Melissa, Texas, alone in a French article about nothing American: a name.
    assert!(resolved(&geo, "Melissa a souri.", Lang::Fr).is_empty());
}

#[test]
fn capitals_outweigh_namesakes_and_words_are_not_names() {
    let geo = geocoder();
    // In a French article, « Paris » is the capital even next to the United States.
    let r = resolved(
        &geo,
        "Washington a répondu ; Paris s'est tu, comme le reste des États-Unis.",
        Lang::Fr,
    );
    assert!(r.iter().any(|p| p.0 == "Paris" && p.1 == "FR"), "{r:?}");
    // Ordinals, pieces of hyphenated compounds and a determiner with a noun are no places.
    assert!(resolved(&geo, "Un hôtel du XIXe siècle.", Lang::Fr).is_empty());
    assert!(resolved(&geo, "Il vit dans le Loir-et-Cher depuis un an.", Lang::Fr).is_empty());
    assert!(resolved(&geo, "Le syndicat a appelé à la grève.", Lang::Fr).is_empty());
}

#[test]
fn a_facility_head_names_the_facility_not_a_place() {
    let geo = geocoder();
    // « hôtel Tripoli » is a hotel's name; « à Tripoli » after « de » is the town again.
    assert!(resolved(&geo, "Il loge à l'hôtel Tripoli depuis lundi.", Lang::Fr).is_empty());
    assert_eq!(
        resolved(
            &geo,
            "Il a été soigné à l'hôpital de Tripoli, au Liban.",
            Lang::Fr
        )
        .iter()
        .filter(|p| p.0 == "Tripoli")
        .count(),
        1
    );
}

#[test]
fn a_french_article_before_a_name_means_the_region() {
    let geo = geocoder();
    // « Idlib » alone is the town; « la Idlib »-style article use is the governorate. The
    // test gazetteer has both, as GeoNames has Québec the city and the province.
    let r = resolved(
        &geo,
        "Les combats ont repris dans le Idlib, au nord de la Syrie.",
        Lang::Fr,
    );
    assert!(r.iter().any(|p| p.0 == "Idlib" && p.2 == "ADM1"), "{r:?}");
}
