//! One row per behaviour the coder promises, on short French and English sentences written
//! for these tests: (text, publication date, expected type, actor codes, recipient codes,
//! check). Runs the real binary on a JSONL batch.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Case {
    text: &'static str,
    date: &'static str,
    lang: &'static str,
    event_type: &'static str,
    actor: &'static [&'static str],
    recipient: &'static [&'static str],
    check: fn(&Value) -> bool,
}

fn any(_: &Value) -> bool {
    true
}

const CASES: &[Case] = &[
    // Subject / object, demonym + agent.
    Case { text: "Les soldats turcs ont attaqué les forces kurdes près de la frontière.", date: "2019-10", lang: "fr", event_type: "ASSAULT", actor: &["TUR"], recipient: &[], check: |e| e["actor"][0]["sector"] == "MIL" },
    // Passive voice with « par ».
    Case { text: "Trois policiers ont été blessés par des manifestants à Paris.", date: "2019-01-12", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" && e["recipient"][0]["sector"] == "COP" && e["size"]["injured"] == 3 },
    // Spelled approximate numbers.
    Case { text: "L'armée nigériane a tué une dizaine de jihadistes dans le nord-est du pays.", date: "2020-03", lang: "fr", event_type: "ASSAULT", actor: &["NGA"], recipient: &[], check: |e| e["size"]["dead"] == 10 },
    // Negation of a conflict event stays that event, negated.
    Case { text: "L'armée israélienne n'a pas bombardé la bande de Gaza dimanche.", date: "2021-05", lang: "fr", event_type: "ASSAULT", actor: &["ISR"], recipient: &[], check: |e| e["negated"] == true },
    // Negated cooperation is a refusal.
    Case { text: "L'Iran ne coopérera jamais avec l'Agence internationale de l'énergie atomique.", date: "2022-06", lang: "fr", event_type: "REJECT", actor: &["IRN"], recipient: &[], check: any },
    // Reported speech with « selon ».
    Case { text: "Selon le ministère russe de la Défense, l'aviation russe a frappé des positions rebelles.", date: "2019-05", lang: "fr", event_type: "ASSAULT", actor: &["RUS"], recipient: &[], check: |e| e["modality"] == "reported" && e["speaker"]["sector"] == "MIL" },
    // Role phrase resolved in time.
    Case { text: "Le président américain a rencontré le président russe à Helsinki.", date: "2018-07-16", lang: "fr", event_type: "CONSULT", actor: &["USA"], recipient: &["RUS"], check: |e| e["actor"][0]["name"].as_str().is_some_and(|n| n.contains("Trump")) && e["recipient"][0]["name"].as_str().is_some_and(|n| n.contains("Putin") || n.contains("Poutine")) && e["event_loc"]["text"] == "Helsinki" },
    Case { text: "Le président américain a rencontré le président russe à Genève.", date: "2021-06-16", lang: "fr", event_type: "CONSULT", actor: &["USA"], recipient: &["RUS"], check: |e| e["actor"][0]["name"].as_str().is_some_and(|n| n.contains("Biden")) },
    // « entre X et Y » and compound participants.
    Case { text: "Des affrontements entre l'armée soudanaise et les paramilitaires ont éclaté à Khartoum.", date: "2023-04-15", lang: "fr", event_type: "ASSAULT", actor: &["SDN"], recipient: &[], check: any },
    Case { text: "La Russie, la Turquie et l'Iran ont signé un accord de cessez-le-feu.", date: "2017-05", lang: "fr", event_type: "SUPPORT", actor: &["RUS", "TUR", "IRN"], recipient: &[], check: any },
    // Threat from readiness to use force.
    Case { text: "La Corée du Nord se dit prête à frapper les bases américaines.", date: "2017-08", lang: "fr", event_type: "THREATEN", actor: &["PRK"], recipient: &[], check: |e| e["modality"] == "planned" },
    // Arrests with a count.
    Case { text: "La police a arrêté 45 personnes lors de la manifestation.", date: "2019-03", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["size"]["arrested"] == 45 && e["actor"][0]["sector"] == "COP" },
    // Coreference: « il » for the last person named.
    Case { text: "Le ministre turc des Affaires étrangères est arrivé à Moscou. Il a rencontré son homologue russe.", date: "2019-04", lang: "fr", event_type: "CONSULT", actor: &["TUR"], recipient: &["RUS"], check: any },
    // A participle phrase after a comma takes the clause subject.
    Case { text: "Le gouvernement turc a fermé la frontière, accusant la Syrie de soutenir les rebelles.", date: "2016-03", lang: "fr", event_type: "ACCUSE", actor: &["TUR"], recipient: &["SYR"], check: any },
    // A negation belongs to its own verb, not to the next one.
    Case { text: "Le syndicat estime que les mesures du gouvernement français « ne suffisent pas » et réclame un référendum.", date: "2018-12", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["negated"] == false },
    // Domestic agents take the country the article is about.
    Case { text: "La France a durci sa loi. En France, la police a dispersé les manifestants devant l'Assemblée.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &["FRA"], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // A participle right after its noun is a reduced passive: the noun suffers the event.
    Case { text: "Un journaliste azerbaïdjanais torturé et emprisonné a témoigné à Bruxelles.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &["AZE"], check: |e| e["actor"].as_array().is_some_and(|a| a.is_empty()) && e["recipient"][0]["sector"] == "MED" },
    // An agent word that is also an adjective qualifies the noun before it (« mécontentement
    // général »): no general takes part.
    Case { text: "Le mécontentement général a poussé les syndicats à manifester.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"].as_array().is_some_and(|a| a.len() == 1 && a[0]["sector"] == "LAB") },
    // The « de » complement of a noun for what a group does by itself is who does it.
    Case { text: "La manifestation des gilets jaunes a rassemblé 3000 personnes à Paris.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["text"] == "gilets jaunes" && e["recipient"].as_array().is_some_and(|r| r.iter().all(|x| x["text"] != "gilets jaunes")) },
    // A withdrawal that names the group: that group withdraws, from the place after « de ».
    Case { text: "Le retrait des troupes américaines de Syrie a commencé.", date: "2019-02", lang: "fr", event_type: "RETREAT", actor: &["USA"], recipient: &[], check: |e| e["actor"][0]["sector"] == "MIL" },
    // Police « helping » or « refusing » people with a weak trigger are coercing them.
    Case { text: "Les forces de l'ordre évacuaient progressivement les Champs-Elysées.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // A capital after a summit or agreement noun is where it was held, not a party.
    Case { text: "Le sommet de Helsinki a eu lieu lundi.", date: "2018-07", lang: "fr", event_type: "CONSULT", actor: &[], recipient: &[], check: |e| e["actor"].as_array().is_some_and(|a| a.is_empty()) },
    Case { text: "L'accord de Minsk a été signé en 2015.", date: "2015-02-13", lang: "fr", event_type: "AGREE", actor: &[], recipient: &[], check: |e| e["actor"].as_array().is_some_and(|a| a.iter().all(|x| x["code"] != "BLR")) },
    // A country before a capitalised word that starts no other name is part of a name.
    Case { text: "Un journaliste de France Inter a dénoncé les violences policières.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "MED" && e["actor"][0]["code"] != "FRA" },
    // The addressee may stand between an inverted verb of saying and its speaker; the speaker
    // is not also the recipient.
    Case { text: "« C'est inacceptable », a dénoncé auprès de l'AFP le ministre turc des Affaires étrangères.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &["TUR"], recipient: &[], check: |e| e["recipient"].as_array().is_some_and(|r| r.iter().all(|x| x["code"] != "TUR")) },
    // A trigger that is also a dismissal word (« bloquer ») is not dismissed by itself.
    Case { text: "Les gilets jaunes bloquaient toujours le dépôt pétrolier samedi.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["negated"] == false && e["actor"][0]["sector"] == "CVL" },
    // Counted people marching are the protesters.
    Case { text: "À Lyon, 8 000 personnes ont défilé contre la réforme des retraites.", date: "2019-12", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" },
    // A person the lexicons do not know, named in full, takes part; in apposition to a role
    // the role gives the sector; « elle » refers to them later.
    Case { text: "L'ancien boxeur Christophe Dettinger a agressé deux gendarmes samedi à Paris.", date: "2019-01", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["name"] == "Christophe Dettinger" },
    Case { text: "Face à la controverse, le ministre de l'Intérieur, Christophe Castaner, a promis de sanctionner les abus.", date: "2019-01", lang: "fr", event_type: "AGREE", actor: &[], recipient: &[], check: |e| e["actor"][0]["name"] == "Christophe Castaner" && e["actor"][0]["sector"] == "GOV" },
    Case { text: "Jacline Mouraud, figure des gilets jaunes, est connue. Elle a appelé à une trêve.", date: "2018-12", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["name"] == "Jacline Mouraud" },
    // An adverb between auxiliary and participle leaves the act an act.
    Case { text: "Les États-Unis ont notamment soutenu les Forces démocratiques syriennes.", date: "2019-02", lang: "fr", event_type: "SUPPORT", actor: &["USA"], recipient: &[], check: any },
    // Armed groups giving ground withdraw; they concede nothing.
    Case { text: "Selon les observateurs, Daech a reculé sur le terrain.", date: "2019-02", lang: "fr", event_type: "RETREAT", actor: &[], recipient: &[], check: |e| e["actor"][0]["text"] == "Daech" },
    // A police officer is police, not the army.
    Case { text: "L'officier de police a frappé plusieurs manifestants à Toulon.", date: "2019-01", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // A group inside a relative clause closed by a comma is not the main verb's subject.
    Case { text: "L'avocat du routier dont le camion a écrasé un gilet jaune il y a huit jours à Visé, critique la police belge.", date: "2019-01", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &["BEL"], check: |e| e["actor"][0]["text"] == "avocat" },
    // What is said to be impossible did not happen.
    Case { text: "Il est impossible d'interpeller quelqu'un sans violence, explique un policier.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["negated"] == true },
    // Arrests with no one named making them are made by the police (an inferred actor).
    Case { text: "La France a connu un samedi agité. Trois personnes ont également été interpellées dans le cadre d'une arrestation administrative.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["actor"][0]["text"] == "" && e["size"]["arrested"] == 3 },
    // A delegation belongs to the group its « de » complement names.
    Case { text: "Une délégation de gilets jaunes a été reçue vendredi soir par le Premier ministre.", date: "2019-01", lang: "fr", event_type: "CONSULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" },
    // A participle opening the sentence has the subject that follows its phrase.
    Case { text: "Dénonçant un acte grave, le président de l'Assemblée nationale, Richard Ferrand, a dit porter plainte.", date: "2019-01", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["name"] == "Richard Ferrand" },
    // A no-confidence motion is a disapproval by those who file it, not censorship.
    Case { text: "Une motion de censure contre le gouvernement déposée par les députés de gauche a été rejetée.", date: "2019-01", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "LEG" },
    // « terroriste » qualifies « acte »; a « groupe terroriste » is still an actor.
    Case { text: "Un groupe terroriste a attaqué une caserne dans le nord du Mali.", date: "2019-01", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "REB" },
    // Those who undergo an arrest were arrested by the police.
    Case { text: "Au total, sept personnes ont fait l'objet d'une arrestation judiciaire à Bruxelles.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["recipient"][0]["sector"] == "CVL" },
    Case { text: "Les arrestations de manifestants se sont multipliées samedi à Paris.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // Charges with no one named bringing them are the courts'.
    Case { text: "Marine Le Pen a été mise en examen jeudi pour la diffusion de photos.", date: "2019-01", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "JUD" && e["actor"][0]["text"] == "" },
    // Police gathering deploy; they do not protest.
    Case { text: "Des observateurs ont indiqué que la mobilisation des forces de l'ordre était massive.", date: "2019-01", lang: "fr", event_type: "MOBILIZE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // A participle after the noun's adjective and a comma is still a reduced passive.
    Case { text: "Un autre casseur présumé, interpellé quelques jours après la manifestation, a comparu vendredi.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["recipient"][0]["text"] == "casseur" && e["actor"][0]["sector"] == "COP" },
    // « pour sa part » stands between an inverted verb of saying and its speaker.
    Case { text: "« Elle met en péril la liberté de manifester », a dénoncé pour sa part la présidente du groupe communiste au Sénat.", date: "2019-01", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["text"] == "présidente" },
    // An event noun said to be planned is planned; what is done to it is not.
    Case { text: "Un nouveau rassemblement des gilets jaunes y est attendu samedi.", date: "2019-01", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    Case { text: "Samedi, une manifestation prévue à Paris a été interdite par la préfecture.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["modality"] == "asserted" },
    Case { text: "Une nouvelle manifestation des gilets jaunes, annoncée pour samedi prochain, fait craindre une très grande violence.", date: "2019-01", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    // A place in the sentence outweighs an earlier mention of the same civilian agent; troops
    // keep theirs.
    Case { text: "Des milliers de personnes ont manifesté samedi à Paris contre la hausse des taxes. Des centaines de personnes ont aussi défilé à Londres contre le Brexit.", date: "2019-01", lang: "fr", event_type: "PROTEST", actor: &["GBR"], recipient: &[], check: any },
    Case { text: "Les soldats français ont quitté Bamako. Les soldats ont attaqué une base jihadiste près de Gao.", date: "2019-01", lang: "fr", event_type: "ASSAULT", actor: &["FRA"], recipient: &[], check: any },
    // Civilians who mobilise or deploy barricades protest.
    Case { text: "Mais les gilets jaunes et leurs sympathisants continuent à se mobiliser.", date: "2019-01", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" },
    Case { text: "Samedi, les gilets jaunes ont déployé plusieurs barrages filtrants aux entrées de la ville.", date: "2019-01", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" },
    // Police protection is protection.
    Case { text: "Le journaliste a vécu sous protection policière pendant deux ans.", date: "2019-01", lang: "fr", event_type: "AID", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // What is wished for or prepared is planned.
    Case { text: "Les syndicats s'apprêtent à manifester contre la réforme.", date: "2019-01", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    Case { text: "Le gouvernement espère conclure un accord avec les syndicats.", date: "2019-01", lang: "fr", event_type: "AGREE", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    // « des » after « que » opens a subject (the plural article), and an accident in
    // another clause does not touch the attack.
    Case { text: "Un accident de la route a fait deux morts, tandis que des jihadistes ont tué dix soldats.", date: "2019-01", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "REB" && e["size"]["dead"] == 10 },
    // Those released in the passive were released, by the police when no one is named.
    Case { text: "Deux des trois personnes placées en garde à vue ont été relâchées.", date: "2019-01", lang: "fr", event_type: "RETREAT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["recipient"][0]["sector"] == "CVL" },
    // What one is due to do is planned.
    Case { text: "Les syndicats doivent manifester samedi contre la réforme.", date: "2019-01", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    // A word in quotation marks is the writer's own; « selon lui » names no one further on.
    Case { text: "Le ministre de l'Intérieur a \"condamné\" dans un tweet les \"violences\" commises selon lui par \"des casseurs déguisés en gilets jaunes\".", date: "2019-01", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "GOV" },
    // A participle coordinated with a passive one is passive too.
    Case { text: "Le suspect avait été arrêté sans résistance, lundi dans sa voiture, et placé en garde à vue.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["recipient"][0]["text"] == "suspect" },
    // « ne … pas tous »: some did.
    Case { text: "Les manifestants ne demandaient pas tous le départ des casseurs.", date: "2019-01", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["negated"] == false },
    // A ban on protesting is a ban, not a protest.
    Case { text: "Le préfet a interdit de manifester dans le centre-ville.", date: "2019-01", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "GOV" },
    // A market is a place that can be attacked, not an abstraction.
    Case { text: "Des jihadistes ont attaqué le marché central de Maiduguri.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "REB" },
    // After a link's headline, a sentence glued to it is coded.
    Case { text: "A lire aussi : Paris: un incendie dans un immeuble fait au moins dix morts, la piste intentionnelle privilégiée Cette femme avait été interpellée par la police dans la nuit.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // A trip's destination is not the traveller's country.
    Case { text: "Le Premier ministre a annulé son déplacement à Varsovie.", date: "2019-02", lang: "fr", event_type: "REJECT", actor: &[], recipient: &[], check: |e| e["actor"][0]["code"] != "POL" },
    // Police blocking people is coercion; police marching is still a protest.
    Case { text: "Les manifestants se retrouvent bloqués par les forces de l'ordre sur le pont.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["recipient"][0]["sector"] == "CVL" },
    Case { text: "Les policiers manifestent devant l'Assemblée nationale.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // Unidentified attackers are UAF, as in CAMEO.
    Case { text: "Un assaillant a tué trois personnes à Trèbes.", date: "2018-03-23", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "UAF" && e["size"]["dead"] == 3 },
    // In a quotation, the first person acting is its speaker.
    Case { text: "« Nous avons bombardé les positions des rebelles », a déclaré le ministre russe de la Défense.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &["RUS"], recipient: &[], check: |e| e["modality"] == "reported" && e["actor"][0]["sector"] == "MIL" },
    // A causative of giving way: the object gives way, pressed by the subject.
    Case { text: "Les gilets jaunes ont fait reculer l'exécutif sur la taxe carbone.", date: "2018-12", lang: "fr", event_type: "CONCEDE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "GOV" && e["recipient"][0]["sector"] == "CVL" },
    // Police reporting arrests with no one else named made them.
    Case { text: "Selon la préfecture de police, 278 personnes ont été interpellées samedi à Paris.", date: "2018-12-08", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["size"]["arrested"] == 278 && e["recipient"].as_array().is_some_and(|r| r.iter().all(|x| x["sector"] != "COP")) },
    // The agent of a passive may be quoted: « par des « gilets jaunes » ».
    Case { text: "Une journaliste a été menacée par des « gilets jaunes » samedi à Rouen.", date: "2019-02", lang: "fr", event_type: "THREATEN", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" && e["recipient"][0]["sector"] == "MED" },
    // « Des » opening a sentence is an article: its noun can be the subject.
    Case { text: "Des manifestants défilent à Lyon contre la réforme.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" },
    // A weak trigger (« manifester ») with a known kind of group as its subject is an event;
    // with a direct object of support it is support, not a protest.
    Case { text: "Les syndicats ont manifesté devant le ministère.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "LAB" },
    Case { text: "Le ministre allemand a manifesté son soutien à l'Ukraine.", date: "2022-03", lang: "fr", event_type: "SUPPORT", actor: &["DEU"], recipient: &[], check: any },
    // The agent of a passive behind the instrument « par » introduces.
    Case { text: "Un manifestant a été tué par les tirs des policiers.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["recipient"][0]["sector"] == "CVL" },
    // An event noun qualified by a participle and « par » has its actor there.
    Case { text: "Le blocus imposé par le gouvernement vénézuélien a provoqué des pénuries.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &["VEN"], recipient: &[], check: |e| e["recipient"].as_array().is_some_and(|r| r.iter().all(|x| x["code"] != "VEN")) },
    // « …, a dénoncé X »: the speaker of a closing incise is the subject.
    Case { text: "Cette réforme est injuste et dangereuse, a dénoncé le président turc.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &["TUR"], recipient: &[], check: any },
    // A ban forbids what its complement names: the protest did not happen.
    Case { text: "Le gouvernement a interdit aux gilets jaunes de manifester samedi.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "GOV" },
    // A country inside a party's name running on from a word (« de La France insoumise »).
    Case { text: "Les députés de La France insoumise ont dénoncé la réforme du gouvernement français.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| ["actor", "recipient"].iter().all(|r| e[*r].as_array().is_some_and(|a| a.iter().all(|x| !x["text"].as_str().unwrap_or("").contains("France")))) },
    // A capital as a label opening a sentence says where, not who.
    Case { text: "Paris : la police a interpellé 24 casseurs samedi soir.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"].as_array().is_some_and(|a| a.iter().all(|x| x["text"] != "Paris")) && e["actor"][0]["sector"] == "COP" },
    // A country inside a proper name (« Stade de France ») takes no part.
    Case { text: "Des supporters ont agressé des policiers près du Stade de France.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| ["actor", "recipient"].iter().all(|r| e[*r].as_array().is_some_and(|a| a.iter().all(|x| x["text"] != "France"))) },
    // A piece of a hyphenated name (« Champs-Elysées ») is no actor.
    Case { text: "Les manifestants ont défilé sur les Champs-Elysées contre le gouvernement.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["recipient"].as_array().is_some_and(|r| r.iter().all(|x| x["text"] != "Elysées")) },
    // A capitalised agent word opening a name (« Marine Le Pen ») is no navy.
    Case { text: "Marine Le Pen a dénoncé la politique migratoire du gouvernement français.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"].as_array().is_some_and(|a| a.iter().all(|x| x["sector"] != "MIL")) },
    // Police dispersing people is coercion, its agent in the passive.
    Case { text: "Des centaines de manifestants ont été dispersés par la police à coups de gaz lacrymogène devant le parlement.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["recipient"][0]["sector"] == "CVL" },
    // A subject pronoun opening a sentence continues the previous sentence's subject, when
    // their numbers agree (a group, not only the last person named).
    Case { text: "L'armée malienne a repris le contrôle de la localité. Elle a ensuite bombardé des positions jihadistes au nord.", date: "2020-01", lang: "fr", event_type: "ASSAULT", actor: &["MLI"], recipient: &[], check: |e| e["actor"][0]["text"] == "Elle" },
    Case { text: "Les soldats nigérians ont encerclé le village. Ils ont ensuite tué douze combattants de Boko Haram.", date: "2020-01", lang: "fr", event_type: "ASSAULT", actor: &["NGA"], recipient: &[], check: |e| e["actor"][0]["text"] == "Ils" && e["size"]["dead"] == 12 },
    // Victims of the actor's own country are still the other side: police arresting
    // citizens keep their place as the actor.
    Case { text: "La Turquie a durci sa législation. En Turquie, 40 personnes ont été arrêtées par la police lors d'une manifestation à Istanbul.", date: "2019-06", lang: "fr", event_type: "COERCE", actor: &["TUR"], recipient: &["TUR"], check: |e| e["actor"][0]["sector"] == "COP" && e["size"]["arrested"] == 40 },
    // Arrests after a clash are the security side's, not the crowd's.
    Case { text: "Des heurts entre des casseurs et les gendarmes ont éclaté près de la gare, et 12 personnes ont été interpellées.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"].as_array().is_some_and(|a| a.len() == 1 && a[0]["sector"] == "COP") && e["size"]["arrested"] == 12 },
    // The source of a report is not its target.
    Case { text: "L'armée turque a bombardé des positions kurdes, d'après l'Observatoire syrien des droits de l'homme.", date: "2019-10", lang: "fr", event_type: "ASSAULT", actor: &["TUR"], recipient: &[], check: |e| e["speaker"]["sector"] == "OPP" && e["recipient"].as_array().is_some_and(|r| r.iter().all(|x| x["sector"] != "OPP")) },
    // A group inside an incise between the subject and its verb is not the subject.
    Case { text: "Des milliers de personnes, la plupart vêtues d'un gilet jaune, ont manifesté samedi à Bordeaux.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["text"] == "personnes" },
    // The subject of a verb of undergoing (« subir », « essuyer », « être victime de ») is
    // the recipient; the event noun's complement did it.
    Case { text: "Un journaliste a subi l'assaut d'un groupe de manifestants à Toulouse.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" && e["recipient"][0]["sector"] == "MED" },
    Case { text: "Les gendarmes ont essuyé des jets de pierres de la part de casseurs.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" && e["recipient"][0]["sector"] == "COP" },
    Case { text: "Le député a été victime d'une agression de la part de manifestants.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" && e["recipient"][0]["sector"] == "LEG" },
    // « ceux qui ont tenté de… »: a relative pronoun a few words back whose antecedent names
    // no one leaves the actor unknown; a group elsewhere in the sentence is not it.
    Case { text: "Merci à nos forces de l'ordre, et honte à ceux qui ont tenté d'intimider des journalistes.", date: "2019-02", lang: "fr", event_type: "THREATEN", actor: &[], recipient: &[], check: |e| e["actor"].as_array().is_some_and(|a| a.is_empty()) && e["recipient"][0]["sector"] == "MED" },
    // Forces deployed, with no agent named, are the ones that move.
    Case { text: "Samedi, les forces de l'ordre étaient discrètement déployées autour de l'Elysée.", date: "2019-02", lang: "fr", event_type: "MOBILIZE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // Protesters are a protest's actor, not its target.
    Case { text: "La mobilisation faiblissait à Paris, où 2500 manifestants étaient recensés.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" && e["recipient"].as_array().is_some_and(|r| r.is_empty()) },
    // « a déclaré à l'AFP X »: the addressee is not the speaker; a spokesperson of a group
    // belongs to that group.
    Case { text: "« Nous dénonçons la violence des casseurs », a déclaré à l'AFP la porte-parole des gilets jaunes.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" && e["speaker"]["sector"] == "CVL" },
    Case { text: "Les dirigeants du syndicat ont appelé à la grève.", date: "2019-02", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "LAB" },
    // « a-t-il déclaré »: the pronoun before the participle is the speaker, the previous
    // sentence's subject; a first-person quote is the speaker's act.
    Case { text: "Le ministre russe des Affaires étrangères est arrivé à Ankara. « Nous avons convenu de nous revoir », a-t-il déclaré.", date: "2019-02", lang: "fr", event_type: "AGREE", actor: &["RUS"], recipient: &[], check: any },
    Case { text: "Le ministre turc a reçu son homologue russe. « Nous condamnons ces attaques », a-t-il déclaré.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &["TUR"], recipient: &[], check: |e| e["speaker"]["code"] == "TUR" },
    // The « de » complement of an event noun is its actor even past an adjective.
    Case { text: "Une réunion extraordinaire de l'OTAN s'est tenue jeudi à Bruxelles.", date: "2019-02", lang: "fr", event_type: "CONSULT", actor: &["IGO"], recipient: &[], check: |e| e["actor"][0]["text"] == "OTAN" },
    // A verb of prevention dismisses only the event it governs, not its sentence's others;
    // a predicate ruling an event out may follow it.
    Case { text: "Un rassemblement est prévu pour bloquer Paris et le ministère de l'Intérieur a autorisé une manifestation des syndicats.", date: "2019-02", lang: "fr", event_type: "CONCEDE", actor: &[], recipient: &[], check: |e| e["negated"] == false },
    Case { text: "La police nous a demandé de ne pas bloquer la route nationale.", date: "2019-02", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["negated"] == false && e["actor"][0]["sector"] == "COP" },
    Case { text: "Une intervention militaire française est exclue, a indiqué le ministre.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &["FRA"], recipient: &[], check: |e| e["negated"] == true },
    Case { text: "Le gouvernement a empêché les syndicats de défiler devant le parlement.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["negated"] == true },
    // A verb in the future tense is planned: an intent to meet is AGREE (PLOVER).
    Case { text: "Emmanuel Macron rencontrera Vladimir Poutine lundi à Moscou.", date: "2019-02", lang: "fr", event_type: "AGREE", actor: &["FRA"], recipient: &["RUS"], check: |e| e["modality"] == "planned" },
    Case { text: "Les gilets jaunes manifesteront samedi à Paris.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    // Prefects, mayors and governors are government agents; the prefecture of police is the
    // police (reporting arrests, it made them); « convoquer » a meeting is a light verb.
    Case { text: "Le préfet des Ardennes appelle à nouveau les manifestants au calme.", date: "2019-02", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "GOV" },
    Case { text: "Selon la préfecture de police, 30 personnes ont été interpellées.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["size"]["arrested"] == 30 },
    Case { text: "M. Macron a convoqué dimanche une réunion de crise à l'Elysée.", date: "2019-02", lang: "fr", event_type: "CONSULT", actor: &["FRA"], recipient: &[], check: any },
    // Domestic agents belong to the country the sentence places the event in, before the
    // country the article is about.
    Case { text: "La France est secouée par la crise. La France a durci sa loi. Samedi, des gilets jaunes ont manifesté à Londres devant le parlement.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &["GBR"], recipient: &[], check: any },
    Case { text: "La France est secouée par la crise. La France a durci sa loi. Samedi, des gilets jaunes ont manifesté en Belgique.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &["BEL"], recipient: &[], check: any },
    // A title makes a person of a name the lexicon does not know, even a common word; so does
    // a given name before a common-word surname.
    Case { text: "Mme Massé a critiqué le gouvernement.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["text"] == "Mme Massé" },
    Case { text: "« Il n'y a pas eu de vraie discussion », a déploré Laurent Brun, du syndicat CGT.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["text"] == "Laurent Brun" },
    // A member belongs to the group its « de » complement names; social groups have sectors.
    Case { text: "Des membres du Hamas ont attaqué une position de l'armée israélienne.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &["PSE"], recipient: &[], check: |e| e["actor"][0]["sector"] == "REB" },
    Case { text: "Des lycéens ont manifesté jeudi contre la réforme.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "EDU" },
    Case { text: "Le syndicat militant a appelé à la grève générale.", date: "2019-02", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "LAB" && e["actor"][0]["text"] == "syndicat" },
    Case { text: "« C'est un recul », a encore déploré M. Dupontel devant les députés.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["text"] == "M. Dupontel" },
    // Ministers in the news are known by name, in office at the article's date.
    Case { text: "« C'est un recul », a encore déploré M. Castaner devant les députés.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &["FRA"], recipient: &[], check: |e| e["actor"][0]["sector"] == "GOV" },
    Case { text: "Le Premier ministre belge a rencontré les syndicats.", date: "2018-12-10", lang: "fr", event_type: "CONSULT", actor: &["BEL"], recipient: &[], check: |e| e["actor"][0]["name"] == "Charles Michel" },
    // After « et », an object pronoun stands for the object of the clause before: the two
    // verbs share their subject.
    Case { text: "Le tribunal a acquitté Jeanne Dupuis pour le meurtre et l'a condamnée à cinq ans de prison pour fraude.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "JUD" },
    // A protest announced for later, its group in quotes, or awaited (inverted), is planned.
    Case { text: "Une nouvelle manifestation des « gilets jaunes », annoncée pour samedi prochain, inquiète la préfecture.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    Case { text: "Les commerçants ferment à Paris, où est attendue une nouvelle manifestation de « gilets jaunes ».", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    // After a light verb, a noun the lemma table reads as a verb is the act (« réitérer sa
    // demande »).
    Case { text: "Le syndicat de police a réitéré dimanche sa demande de création d'un fichier.", date: "2019-02", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "LAB" },
    // Exchanging fire is fighting, not talking; receiving threats makes the subject the
    // target.
    Case { text: "Les soldats ont échangé des tirs avec les rebelles près de la frontière.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "MIL" },
    Case { text: "Les députés ont reçu des menaces des manifestants.", date: "2019-02", lang: "fr", event_type: "THREATEN", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" && e["recipient"][0]["sector"] == "LEG" },
    // An inverted subject pronoun (« a-t-elle déploré ») is no noun a participle qualifies.
    Case { text: "Marie Dupont est avocate. « C'est absurde », a-t-elle déploré.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["text"] == "elle" },
    // A march named by a noun after a number is still a march.
    Case { text: "Samedi, deux défilés des gilets jaunes ont parcouru Paris.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" },
    // An event noun as the subject of an obligation is planned.
    Case { text: "La manifestation des gilets jaunes doit partir de la place de la République.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["modality"] == "planned" },
    // A deployment names who deploys (« le déploiement policier »).
    Case { text: "Le déploiement policier était massif samedi à Paris.", date: "2019-02", lang: "fr", event_type: "MOBILIZE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" },
    // A noun pattern does not match its lemma's verb forms; the verb pattern does.
    Case { text: "Charles Michel a dialogué plus de quatre heures avec les syndicats.", date: "2019-02", lang: "fr", event_type: "CONSULT", actor: &[], recipient: &[], check: |e| e["recipient"][0]["sector"] == "LAB" },
    // The conditional mood is hypothetical; an imperfect is not conditional.
    Case { text: "Selon des sources locales, les rebelles attaqueraient la ville.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["modality"] == "hypothetical" },
    Case { text: "La présidente du tribunal a rappelé qu'elle se permettrait de refuser certaines questions.", date: "2019-02", lang: "fr", event_type: "REJECT", actor: &[], recipient: &[], check: |e| e["modality"] == "hypothetical" },
    Case { text: "Les manifestants désiraient protester contre la réforme.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["modality"] != "hypothetical" },
    // An infinitive phrase of time opening the sentence has the subject after it.
    Case { text: "Après avoir ouvert une enquête sur l'accident, le parquet a convoqué les témoins.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "JUD" },
    // The heads of the chambers are legislators.
    Case { text: "Le président du Sénat a sévèrement critiqué la gestion du maintien de l'ordre.", date: "2019-02", lang: "fr", event_type: "ACCUSE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "LEG" },
    // Victims counted in the passive are all victims, none the attacker.
    Case { text: "Huit personnes ont été interpellées, selon la préfecture, qui a comptabilisé deux manifestants et un policier blessés.", date: "2019-02", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"].as_array().is_some_and(|a| a.is_empty()) && e["recipient"].as_array().is_some_and(|r| r.len() == 2) },
    // A call with an adverb before its « à » is still a call; a call to calm has its target.
    Case { text: "Les gilets jaunes, mobilisés depuis un mois, appellent de nouveau à se rassembler à Paris samedi.", date: "2019-02", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" },
    Case { text: "Le préfet appelle les manifestants au calme.", date: "2019-02", lang: "fr", event_type: "REQUEST", actor: &[], recipient: &[], check: |e| e["recipient"][0]["sector"] == "CVL" },
    // A dated attack with its toll is reported, adjective actor and all.
    Case { text: "Après l'attentat jihadiste de Strasbourg mardi qui a fait quatre morts, les appels au calme se multiplient.", date: "2018-12-14", lang: "fr", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "REB" },
    // « On » is the subject: no one named before it arrests.
    Case { text: "On a arrêté trois suspects dans la nuit.", date: "2019-02", lang: "fr", event_type: "COERCE", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "COP" && e["actor"][0]["text"] == "" },
    // Civilians gathered before a building demonstrate.
    Case { text: "Des gilets jaunes ont rejoint le mouvement et ils étaient près de 200 à s'être réunis devant l'hôtel de ville.", date: "2019-02", lang: "fr", event_type: "PROTEST", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "CVL" },
    // English: subject, object, negation, passive, intent.
    Case { text: "Turkish troops attacked Kurdish militias in northern Syria on Wednesday.", date: "2019-10-09", lang: "en", event_type: "ASSAULT", actor: &["TUR"], recipient: &[], check: |e| e["event_loc"]["text"] == "northern Syria" },
    Case { text: "Two soldiers were killed by rebels near Goma.", date: "2022-01", lang: "en", event_type: "ASSAULT", actor: &[], recipient: &[], check: |e| e["actor"][0]["sector"] == "REB" && e["size"]["dead"] == 2 },
    Case { text: "Germany will provide humanitarian aid to Sudan.", date: "2023-05", lang: "en", event_type: "AGREE", actor: &["DEU"], recipient: &["SDN"], check: |e| e["modality"] == "planned" },
    Case { text: "China did not condemn the invasion.", date: "2022-03", lang: "en", event_type: "ACCUSE", actor: &["CHN"], recipient: &[], check: |e| e["negated"] == true },
    Case { text: "Israel's defense minister met his Egyptian counterpart in Cairo.", date: "2023-02", lang: "en", event_type: "CONSULT", actor: &["ISR"], recipient: &["EGY"], check: any },
];

fn run(cases: &[Case]) -> Vec<Vec<Value>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut input = String::new();
    for (i, c) in cases.iter().enumerate() {
        // An empty date: an undated article.
        let mut record =
            serde_json::json!({"id": format!("case-{i}"), "text": c.text, "lang": c.lang});
        if !c.date.is_empty() {
            record["date"] = c.date.into();
        }
        input.push_str(&record.to_string());
        input.push('\n');
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .env("VIGIE_DATA", root.join("data"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let mut by_case = vec![Vec::new(); cases.len()];
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        let i: usize = e["doc_id"].as_str().unwrap()["case-".len()..]
            .parse()
            .unwrap();
        by_case[i].push(e);
    }
    by_case
}

fn codes(e: &Value, role: &str) -> Vec<String> {
    e[role]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn coder_behaviour_table() {
    let results = run(CASES);
    let mut failures = Vec::new();
    for (case, events) in CASES.iter().zip(&results) {
        let ok = events.iter().any(|e| {
            e["event_type"] == case.event_type
                && case
                    .actor
                    .iter()
                    .all(|c| codes(e, "actor").contains(&c.to_string()))
                && case
                    .recipient
                    .iter()
                    .all(|c| codes(e, "recipient").contains(&c.to_string()))
                && (case.check)(e)
        });
        if !ok {
            let got: Vec<String> = events
                .iter()
                .map(|e| {
                    format!(
                        "{} {:?}->{:?} size={} neg={} mod={} speaker={} loc={}",
                        e["event_type"],
                        codes(e, "actor"),
                        codes(e, "recipient"),
                        e["size"],
                        e["negated"],
                        e["modality"],
                        e["speaker"],
                        e["event_loc"]["text"]
                    )
                })
                .collect();
            failures.push(format!(
                "{:?}\n    expected {} {:?}->{:?}\n    got {:#?}",
                case.text, case.event_type, case.actor, case.recipient, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// Sentences that must not yield an event of the given type: what they name did not happen,
/// or is no event at all.
const NOT_EVENTS: &[(&str, &str)] = &[
    // Showing an intention, the top of the executive, a promised rise.
    ("M. Macron n'a pas manifesté l'intention de revenir sur ses réformes.", "PROTEST"),
    ("Il reste, au sommet de l'exécutif, le premier responsable des changements.", "CONSULT"),
    ("Emmanuel Macron avait en ligne de mire la hausse promise des taxes.", "AGREE"),
    ("S'il s'en est ensuite défendu, sa déclaration a semblé viser le gouvernement.", "SUPPORT"),
    // An attack named only by its kind inside another noun's complement is a reference.
    ("Les manifestants ont rendu hommage aux victimes de l'attentat terroriste.", "ASSAULT"),
    ("C'est le premier procès d'un attentat terroriste sur notre sol.", "ASSAULT"),
    // Fighting for a cause; a named person's fights; what a call asks for.
    ("Nicolas Hulot s'est battu l'an dernier pour une sortie du glyphosate.", "ASSAULT"),
    ("Les sujets liés aux combats de Nicolas Hulot ne manquaient pas.", "ASSAULT"),
    ("La police relève une multiplication d'appels à manifester lancés par des internautes.", "PROTEST"),
    // A participle between commas describes the group.
    ("Les gilets jaunes, mobilisés depuis un mois, appellent de nouveau à se rassembler.", "PROTEST"),
    // Arguing, denying, not ruling out, deploying means, hi-vis vests, bylines.
    ("Il a déjà soutenu que son client avait contacté plusieurs personnes.", "SUPPORT"),
    ("La France n'exclut pas des risques de rechute dans la relation.", "SANCTION"),
    ("La France déploiera tout un arsenal pour lutter contre ce phénomène.", "MOBILIZE"),
    ("Les comptes s'intéressent peu aux Français qui enfilent les gilets de secours.", "AID"),
    ("L'officier a sauvé des vies, a salué le président.", "AID"),
    ("Ulcérés de s'être fait traiter de « fainéants » par le président, les syndicats ont protesté.", "AGREE"),
    // What an investigation or a sentence is for is a charge, not an act of the court.
    ("Le parquet a ouvert une information judiciaire pour actes de torture.", "ASSAULT"),
    ("Le tribunal l'a condamné pour le meurtre de sa voisine.", "ASSAULT"),
    // A violent participle on an unnamed common noun, no agent given.
    ("Une militante a insulté un boucher tué dans les attentats de vendredi.", "ASSAULT"),
    // Nouns read as verbs: the defendants, a sum, an idiom; authorities called upon;
    // refugees hosted; diseases; a magazine named after a capital.
    ("Parmi les neuf accusés, seul Ali Bouchareb comparaît détenu.", "ACCUSE"),
    ("Le feu d'artifice a coûté la coquette somme de deux millions d'euros.", "REQUEST"),
    ("Cela n'enlève rien au pari du président.", "ASSAULT"),
    ("Les autorités, à plusieurs reprises interpellées, promettent une solution.", "COERCE"),
    ("L'Italie a accueilli quelque 600 000 migrants sur ses côtes depuis 2014.", "CONSULT"),
    ("La rougeole a causé la mort de 110 000 personnes en 2017, selon l'OMS.", "ASSAULT"),
    // A verb read on a noun after an article (« une patrouille ») is no act of the verb; a
    // participle read as a noun pattern (« ont échangé » as « avoir un échange ») is no talk.
    ("Le Hamas a attaqué une patrouille israélienne.", "MOBILIZE"),
    ("Les soldats ont échangé des tirs avec les rebelles.", "CONSULT"),
    ("Le président syrien a reçu le soutien de la Russie.", "CONSULT"),
    // An event noun that is a topic or a background reports no event.
    (
        "Le Premier ministre a reçu une délégation en prévision du rassemblement des syndicats.",
        "PROTEST",
    ),
    ("La crainte de subir des attentats terroristes s'est réveillée à Noël.", "ASSAULT"),
    ("Le maire craint des heurts en lien avec la manifestation des lycéens.", "PROTEST"),
    // With no one named protesting, a place is no protest's target.
    (
        "Plusieurs manifestations ont dégénéré jeudi à travers la France.",
        "PROTEST",
    ),
    (
        "Le gouvernement a interdit aux gilets jaunes de manifester samedi.",
        "PROTEST",
    ),
    (
        "La journaliste affirme se battre pour l'égalité entre les femmes et les hommes.",
        "ASSAULT",
    ),
    (
        "Le ministre italien a répondu que la France devait s'occuper de ses affaires.",
        "COERCE",
    ),
    (
        "Le ministre a salué les résultats obtenus face à la menace djihadiste.",
        "THREATEN",
    ),
    (
        "Selon le président, l'abrogation aurait mis le feu aux poudres.",
        "ASSAULT",
    ),
    (
        "Le préfet a agi proportionnellement à la menace, selon le procureur.",
        "THREATEN",
    ),
    (
        "Pour le syndicat, le gouvernement détruit les fondements de notre modèle social.",
        "ASSAULT",
    ),
    (
        "Un hôtel du XIXe siècle a été rénové sur les Champs-Elysées.",
        "ASSAULT",
    ),
    (
        "Le président se rend à Molenbeek lundi pour rencontrer les habitants.",
        "RETREAT",
    ),
    (
        "Les soldats de la Première Guerre mondiale ont été honorés à Verdun.",
        "ASSAULT",
    ),
    // « ceux qui les ont agressées »: the police named before are the victims, not the
    // attackers; with no named attacker there is no coded assault by them.
    (
        "Les forces de l'ordre ont été insultées, et honte à ceux qui les ont agressées !",
        "ASSAULT",
    ),
    // « anti-guerre », « après-guerre »: a prefix makes the war word no event.
    ("Le mouvement anti-guerre de la Russie.", "ASSAULT"),
    // Going somewhere is no surrender; the accused in a trial is no accusation; a treaty
    // named is no agreement of the day.
    (
        "Emmanuel Macron se rendra sur place demain matin.",
        "RETREAT",
    ),
    (
        "Le tribunal a entendu le co-accusé, ému devant les photos.",
        "ACCUSE",
    ),
    (
        "La France reste en cohérence avec l'accord de Paris.",
        "AGREE",
    ),
    // An event asked about is not reported; a prison sentence is no verbal condemnation.
    (
        "S'agit-il d'une manifestation des syndicats contre le gouvernement ?",
        "PROTEST",
    ),
    (
        "Le militant avait été condamné par le tribunal à 18 ans de prison.",
        "ACCUSE",
    ),
    // A violent verb with an idea or a market as its object is a figure of speech.
    (
        "Les syndicats ont attaqué la réforme des retraites.",
        "ASSAULT",
    ),
    ("Le gouvernement tue l'économie locale.", "ASSAULT"),
    // Declining to comment is no political refusal.
    (
        "Le porte-parole du gouvernement a refusé de commenter l'information.",
        "REJECT",
    ),
    // Background history is not news: an event dated years before publication.
    (
        "En janvier 2015, des jihadistes avaient attaqué la rédaction de Charlie Hebdo à Paris.",
        "ASSAULT",
    ),
    // Demands named as a state are no act of demanding.
    (
        "Parmi les autres revendications des manifestants figure la réforme du référendum.",
        "REQUEST",
    ),
    // What is demanded did not happen, even when the demand itself is not coded.
    (
        "La demande de démission du président Macron revient dans tous les cortèges.",
        "RETREAT",
    ),
    // A crowd dispersing by itself is coerced by no one.
    (
        "Les manifestants se sont dispersés dans le calme vers 18 heures.",
        "COERCE",
    ),
    // A verb of asking after a quoted question asks it.
    (
        "« Vous êtes en colère ? », demande la présidente du parti aux militants.",
        "REQUEST",
    ),
    // A gathering's size is attendance, not a meeting convened.
    (
        "Les manifestations ont réuni samedi 136 000 personnes dans toute la France.",
        "CONSULT",
    ),
    // A weak trigger (« voyage », « se rendre », « soutien ») with no one doing it is a word,
    // not an act, even when it names a place or whom it concerns.
    (
        "Les voyageurs peuvent annuler leur voyage sans frais et se rendre en France en train.",
        "CONSULT",
    ),
    // An event noun capitalised inside a French sentence is a name (« la Libération »,
    // a newspaper, a movement).
    (
        "La Libération des otages par les rebelles a eu lieu hier.",
        "RETREAT",
    ),
    // A fight for a cause is a figure of speech.
    (
        "La ministre a indiqué que son combat pour l'environnement passe par là.",
        "ASSAULT",
    ),
    // Freeing an idea is a figure of speech.
    (
        "La marche lui permet de rencontrer la population tout en libérant sa créativité.",
        "RETREAT",
    ),
    (
        "La libération de la parole des victimes se poursuit.",
        "RETREAT",
    ),
    // A list « arrêtée » is settled; no one is arrested.
    (
        "La liste des témoins doit être arrêtée avant l'audience.",
        "COERCE",
    ),
    // A standing prohibition one is under is no act of banning.
    (
        "Ils lui tirent en pleine tête alors que la police a théoriquement interdiction de viser la tête.",
        "COERCE",
    ),
    // Attendance is no meeting, even with a separator in the number.
    (
        "L'ampleur des manifestations, qui ont réuni quelque 136'000 personnes lors des deux derniers actes, sera scrutée.",
        "CONSULT",
    ),
    // Support named as a state is no act of supporting.
    (
        "Le soutien global des Français au mouvement s'effrite.",
        "SUPPORT",
    ),
    // Words of events inside names, stopping, holding things, what a law requires and
    // tackling a problem are not events.
    ("Vive la France, vive la Patrouille de France sur les Champs-Elysées.", "MOBILIZE"),
    (
        "Il ne vise que 3% du trafic, parce que Google détient tout le reste.",
        "COERCE",
    ),
    (
        "Il faut arrêter de dire que la société civile ne sait rien faire.",
        "COERCE",
    ),
    (
        "Les procureurs ont jugé que le suspect n'avait pas fait usage de violence, comme l'exige la loi française.",
        "REQUEST",
    ),
    (
        "Le premier ministre veut aussi s'attaquer au déficit commercial entre le Québec et la Chine.",
        "ASSAULT",
    ),
    // Who cannot arrest anyone questions: « interpeller » a minister is no arrest.
    ("Le député a interpellé le ministre sur la réforme.", "COERCE"),
    // A meeting with no one meeting is a word (a summit may still be named alone).
    (
        "Les déplacements à pied favorisent les rencontres avec la population.",
        "CONSULT",
    ),
    // An indirect question asks; it requests nothing.
    (
        "Marion Maréchal a répondu aux questions, un étudiant lui demandant si la France devait quitter l'Union européenne.",
        "REQUEST",
    ),
    // Deaths and injuries from an accident or a disaster are no assault.
    (
        "Pas de violences, sauf à Nice, où une trentaine de personnes ont été blessées lors d'un mouvement de foule.",
        "ASSAULT",
    ),
    ("En Grèce, la vague de froid a fait trois morts.", "ASSAULT"),
    // Idioms that look like events.
    (
        "Nous les combattrons sans relâche, a commenté le porte-parole du gouvernement.",
        "REJECT",
    ),
    (
        "Cet officier a fait le don de sa vie, a dit le président.",
        "AID",
    ),
    (
        "Mme Ludosky et d'autres gilets jaunes mobilisés depuis la mi-octobre réclament une baisse des taxes.",
        "PROTEST",
    ),
    (
        "Mme Ludosky et d'autres gilets jaunes mobilisés depuis la mi-octobre réclament une baisse des taxes.",
        "MOBILIZE",
    ),
    // A decree arrests no one; a union does not take hostages; coming forward is no
    // protest; an accidental fire is no assault; a ban on protesting is no protest.
    (
        "Cet arrêté fait suite aux incidents provoqués par des casseurs.",
        "COERCE",
    ),
    (
        "Le syndicat «prend en otage le pays», a dénoncé le Premier ministre.",
        "ASSAULT",
    ),
    (
        "Des personnalités se sont réellement manifestées pour nous aider.",
        "PROTEST",
    ),
    (
        "L'incendie, a priori accidentel, a coûté la vie à quatre personnes.",
        "ASSAULT",
    ),
    (
        "Le préfet a interdit de manifester dans le centre-ville.",
        "PROTEST",
    ),
    // A running total of victims is no event.
    (
        "Des manifestants arboraient une rose, en hommage aux personnes tuées ou blessées depuis le début du mouvement.",
        "ASSAULT",
    ),
    // A restricted meeting restricts no one.
    (
        "M. Macron a refusé de s'exprimer à l'issue de sa réunion restreinte avec le Premier ministre.",
        "COERCE",
    ),
    // A toll deplored is no condemnation.
    (
        "Le ministre a rappelé que l'on déplorait quatre morts.",
        "ACCUSE",
    ),
    // A link to another article reports nothing of this one.
    (
        "Lire aussi : Les gilets jaunes bloquent les routes du pays",
        "PROTEST",
    ),
    (
        "A lire aussi : Paris: un incendie dans un immeuble fait au moins dix morts, la piste intentionnelle privilégiée Cette femme avait été interpellée par la police dans la nuit.",
        "ASSAULT",
    ),
    // A cancelled trip is no visit.
    (
        "Le Premier ministre a annulé son déplacement à Varsovie.",
        "CONSULT",
    ),
    // A weak participle qualifying a noun states a standing relation, not an act.
    (
        "Il craint un conflit avec les Forces démocratiques syriennes soutenues par les États-Unis.",
        "SUPPORT",
    ),
    (
        "Un policier a été blessé à Carcassonne par un homme armé qui a pris la fuite.",
        "COERCE",
    ),
    // A negated passive names no one refusing, and reports no help either.
    (
        "Les dépenses du programme d'Emmanuel Macron n'étaient pas financées.",
        "REJECT",
    ),
    (
        "Les dépenses du programme d'Emmanuel Macron n'étaient pas financées.",
        "AID",
    ),
];

/// A French text with no expectation of its own: the test checks its events.
fn french(text: &'static str, date: &'static str) -> Case {
    Case {
        text,
        date,
        lang: "fr",
        event_type: "",
        actor: &[],
        recipient: &[],
        check: any,
    }
}

/// The event types of one text's events, in order.
fn types(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["event_type"].as_str().unwrap_or("").to_string())
        .collect()
}

/// No event of each text has an actor whose text is one of the names given with it.
fn assert_never_actor(texts: &[(&'static str, &[&str])]) {
    let cases: Vec<Case> = texts.iter().map(|&(t, _)| french(t, "2019-02")).collect();
    for ((text, names), events) in texts.iter().zip(run(&cases)) {
        for e in &events {
            let actors = e["actor"].as_array().cloned().unwrap_or_default();
            assert!(
                actors.iter().all(|a| names.iter().all(|n| a["text"] != *n)),
                "{text:?}: {names:?} became the actor: {e:#}"
            );
        }
    }
}

#[test]
fn figures_of_speech_and_forbidden_acts_are_not_events() {
    let cases: Vec<Case> = NOT_EVENTS
        .iter()
        .map(|&(text, _)| french(text, "2019-02"))
        .collect();
    let results = run(&cases);
    for ((text, forbidden), events) in NOT_EVENTS.iter().zip(&results) {
        assert!(
            !events.iter().any(|e| e["event_type"] == *forbidden),
            "{text:?} coded as {forbidden}: {events:#?}"
        );
    }
}

/// A country in a place's name (« place de France ») takes no part; nor does a group after
/// a purpose clause that follows an event noun (« un canon à eau pour repousser des
/// manifestants »).
#[test]
fn names_and_purpose_clauses_give_no_actor() {
    assert_never_actor(&[
        (
            "Des centaines d'Israéliens ont manifesté place de France à Jérusalem.",
            &["France"],
        ),
        (
            "Les forces de l'ordre ont fait usage d'un canon à eau pour repousser des manifestants.",
            &["manifestants"],
        ),
        // A group inside an event noun (« prise d'otages ») is neither the antecedent of
        // « qui » nor a subject.
        (
            "La prise d'otages qui a fait trois morts et 16 blessés ce vendredi était bien un acte terroriste.",
            &["otages"],
        ),
        // Who a killing or a kidnapping names is its victim.
        (
            "L'assassinat du journaliste saoudien Jamal Khashoggi a provoqué une crise diplomatique.",
            &["journaliste saoudien", "journaliste saoudien Jamal Khashoggi"],
        ),
        (
            "L'enlèvement du diplomate américain a choqué Washington.",
            &["diplomate américain"],
        ),
        // What a blockade names is what is blocked.
        (
            "Samedi, les gilets jaunes ont maintenu le blocage du ministère des Finances.",
            &["ministère"],
        ),
        // A capital read as its government does not protest.
        (
            "Selon la préfecture, Paris a manifesté samedi contre la hausse des taxes.",
            &["Paris"],
        ),
        // A past participle after an auxiliary is a verb, whatever agent its folded form
        // spells (« jugé » / « juge »).
        (
            "Il a jugé normal qu'il y ait des protestations contre la réforme.",
            &["jugé"],
        ),
        (
            "On a ainsi déplacé mon véhicule, m'a demandé le responsable.",
            &["déplacé"],
        ),
        // Capitalised words after an article name a thing, not a person.
        (
            "Près de la Tour Eiffel, des manifestants ont défilé samedi. Il y avait 30 000 personnes.",
            &["Tour Eiffel"],
        ),
        // Capitalised words after « à » name a place, not a person.
        (
            "Un homme armé a attaqué une synagogue à Pittsburgh Hill dimanche.",
            &["Pittsburgh Hill"],
        ),
    ]);
    let results = run(&[french(
        "Des centaines d'Israéliens ont manifesté place de France à Jérusalem.",
        "2019-02",
    )]);
    assert!(
        results[0].iter().all(|e| e["recipient"]
            .as_array()
            .is_some_and(|r| r.iter().all(|x| x["code"] != "FRA"))),
        "{:#?}",
        results[0]
    );
}

/// Who reports a toll is its source, not who caused it.
#[test]
fn those_who_report_a_toll_did_not_cause_it() {
    assert_never_actor(&[
        (
            "Les autorités ont fait état de sept blessés légers après les heurts de samedi.",
            &["autorités"],
        ),
        (
            "Les secours ont recensé douze morts après l'explosion.",
            &["secours"],
        ),
    ]);
}

/// What is feared is not done by who makes it feared, nor by the antecedent of « qui ».
#[test]
fn what_is_feared_is_not_done_by_who_makes_it_feared() {
    assert_never_actor(&[(
        "La colère monte à la veille de nouvelles manifestations des gilets jaunes, hostiles à la politique du gouvernement, qui font craindre une répétition des émeutes du mois dernier.",
        &["gouvernement"],
    )]);
}

/// An undated article is at least as recent as the latest day or month it names, and as
/// the latest year it names twice: an event dated years before that is background. With
/// one date only, nothing can be told and the event stays.
#[test]
fn undated_articles_are_as_recent_as_the_dates_they_name() {
    let case = |text| french(text, "");
    let results = run(&[
        case("En décembre 2018, les gilets jaunes ont manifesté à Paris. Le 8 décembre 2018, la police a arrêté 1000 personnes. En 1999, deux adolescents avaient tué treize personnes au lycée de Columbine, aux Etats-Unis."),
        case("En 1999, deux adolescents avaient tué treize personnes au lycée de Columbine, aux Etats-Unis."),
        case("Le 10 janvier 2019, la police a arrêté trois suspects à Lyon. En 2009, l'armée avait tué dix rebelles dans la région."),
        case("En 2009, l'armée avait tué dix rebelles dans la région. Le 10 janvier 2009, la police a arrêté trois suspects à Lyon."),
    ]);
    assert!(
        !types(&results[0]).contains(&"ASSAULT".to_string()),
        "{:#?}",
        results[0]
    );
    assert!(types(&results[0]).contains(&"PROTEST".to_string()));
    assert!(types(&results[1]).contains(&"ASSAULT".to_string()));
    assert_eq!(types(&results[2]), ["COERCE"], "{:#?}", results[2]);
    assert_eq!(
        types(&results[3]),
        ["ASSAULT", "COERCE"],
        "{:#?}",
        results[3]
    );
}
