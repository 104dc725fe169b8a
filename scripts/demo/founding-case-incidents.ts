/**
 * What happened, as the article reports it: incidents, who was involved, and the officials'
 * denials. Keys refer to the records in founding-case-data.ts.
 *
 * Dates are only as precise as the text. The article itself is undated, so where it speaks of
 * something still going on ("are kept", "so far") the end is unknown (`2016-12/`), never a
 * guessed publication date. Victim counts are given only where the article gives a number, and
 * a minimum stays a minimum.
 */
import type { CaseEvents, InvolvementData } from './founding-case.js';
import { denies, says } from './founding-case-data.js';

const undatedResponse =
  'The article dates this only as a response to the persecution it reports from December 2016, so the date runs from December 2016 to an unknown end.';

const hunt = says(6, 'According to a number of sources, the Chechen authorities started a hunt for homosexuals, and those who have not come out yet, in December 2016.', 3);
const roundUps = says(9, 'Apart from the local home ministry, SOBR Terek\u00a0fighters and “oil regiment" servicemen presently under Rosgvardia, are involved in the round-ups of gays.', 3);
const supervision = says(9, 'According to the sources, Chechen Parliament Speaker Magomed Daudov (call sign "Lord") and the head of the local Ministry of Internal Affairs Argun Ayub Kataev personally supervise the repressions against homosexuals.', 3);
const sameCall = says(12, 'Earlier, the same call had come from Parliamentary Assembly of the Council of Europe (PACE), the US State Department, the Foreign Ministries of Great Britain and Germany, the human rights organization Amnesty International and the Human Rights Council (HRC) under the Russian President.', 2);
const demanded = says(14, 'The Human Rights Council (HRC) under the President of Russia and the international human rights organization Amnesty International demanded that the authorities investigated allegations of the persecution of homosexuals.', 2);
const concern = says(14, 'The US Department of State expressed concern about the situation in Chechnya, where there have been reports of repressions against men of unconventional sexual orientation.', 2);
const moskalkovaAppeal = says(12, "Tatyana Moskalkova, the human rights ombudsman in Russia, appealed to the Prosecutor General's Office of the Russian Federation and to the Chechnya’s Prosecutor's Office requesting to verify information on kidnappings and killings of gays in the Republic.", 2);
const moskalkovaAgain = says(14, 'Then, Human Rights Commissioner for Russia Tatyana Moskalkova appealed to the Prosecutor General’s Office and the Chechnya Prosecutor’s Office to check the information about the kidnapping of gays in Chechnya.', 2);

/** The detentions the round-ups and the supervision refer to. */
const detentions = ['first-wave', 'second-wave'];

export const events: CaseEvents = {
  incidents: [
    {
      key: 'entrapment',
      title: 'Gay men lured through fake personal ads, abducted, tortured and forced to name others',
      summary:
        'From December 2016, according to "a number of sources", the Chechen authorities hunted gay men, including men who had not come out. Personal ads posted on social networks lured them; those who responded were kidnapped and tortured and forced to name other gay men they knew, and the authorities then detained every man in their phone books. The article gives December 2016 for the start and no end (2016-12/), and no number of victims.',
      actTypes: ['entrapment', 'abduction', 'torture', 'coerced-denunciation'],
      date: '2016-12/',
      locations: ['chechnya'],
      citations: [
        hunt,
        says(7, 'LGBT people were caught with the use of set-ups, when personal ads were posted on social networks luring homosexual people. Those who responded were kidnapped and tortured. They were forced to turn in other gays they knew, then the authorities detained every men they saw in the phonebook.', 3),
      ],
    },
    {
      key: 'first-wave',
      title: 'First wave of detentions of gay men',
      summary:
        'The men named by detainees and found in their phone books were detained. The "first-wave detainees were released one by one in January", after which many left the republic. Dated 2016-12/2017-01: the hunt began in December 2016 and the releases ran through the January that followed. The article gives no number of detainees.',
      actTypes: ['arbitrary-detention'],
      date: '2016-12/2017-01',
      locations: ['chechnya'],
      citations: [hunt, says(7, 'then the authorities detained every men they saw in the phonebook. The first-wave detainees were released one by one in January, after that many left the republic.', 3)],
    },
    {
      key: 'second-wave',
      title: 'Second, larger wave of detentions, in which some men were killed',
      summary:
        '"A month later" than the January releases a second wave of repression began, "even bigger" than the first and "sometimes going so far as to kill the men". Dated 2017-02~/: it began about February 2017 (a loose "a month later", hence approximate); the article gives no end and describes the persecution as going on, so the end is unknown. No number of detainees is given; the killings the article counts are a separate incident.',
      actTypes: ['arbitrary-detention', 'killing'],
      date: '2017-02~/',
      locations: ['chechnya'],
      citations: [says(7, 'However, a month later, a second wave of repression began and was even bigger, sometimes going so far as to kill the men.', 3)],
    },
    {
      key: 'secret-prisons',
      title: 'Secret prisons in Argun and Tsotsi-Yurt',
      summary:
        'According to men who fled, at least 100 gay men are held illegally in secret prisons in Argun and Tsotsi-Yurt. The article opens on reports of "tortures of homosexuals in Chechnya’s illegal detention centers" and shows a photograph captioned "Hematoma after tortures in prison". It does not say when the prisons were first used: dated from the start of the hunt in December 2016 to an unknown end, since the article is undated and speaks in the present tense. Victims: at least 100, no maximum given.',
      actTypes: ['arbitrary-detention', 'torture'],
      date: '2016-12/',
      locations: ['argun-prison', 'tsotsi-yurt-prison'],
      victims: { min: 100, max: null },
      citations: [
        says(9, 'The secret prisons where at least 100 homosexual men are kept illegally, are in Argun and Tsotsi-Yurt, according to the fugitives.', 3),
        says(1, 'News broke two weeks ago with details on illegal detentions, murders and tortures of homosexuals in Chechnya’s illegal detention centers', 3),
        says('caption of the image hematoma.jpg, after paragraph 9', 'Hematoma after tortures in prison', 3),
      ],
    },
    {
      key: 'killings',
      title: 'Killings of gay men',
      summary:
        'The Russian LGBT Network has reported "at least three murders of homosexual men so far". The article names no victim and gives no place beyond Chechnya and no date beyond the persecution it reports from December 2016 (2016-12/, end unknown). Victims: at least 3, no maximum given.',
      actTypes: ['killing'],
      date: '2016-12/',
      locations: ['chechnya'],
      victims: { min: 3, max: null },
      citations: [
        says(8, 'Russian LGBT network have reported at least three murders of homosexual men so far', 3),
        says(7, 'sometimes going so far as to kill the men', 3),
      ],
    },
    {
      key: 'disappearances',
      title: 'Disappearances of gay men',
      summary:
        '"A few people have disappeared"; men who fled say the missing men were most likely killed by their relatives. "A few" is not a number, so no count is recorded; no names and no date beyond the persecution reported from December 2016 (2016-12/, end unknown). Entered as enforced disappearance, the vocabulary\'s only term for a disappearance; the article does not say who made them disappear.',
      actTypes: ['enforced-disappearance'],
      date: '2016-12/',
      locations: ['chechnya'],
      citations: [says(8, 'a few people have disappeared. Those who managed to escape say that the missing men most likely have been killed by their relatives.', 3)],
    },
    {
      key: 'honour-killings',
      title: 'Prisoners handed back to their families on condition that the families kill them ("murder of honor")',
      summary:
        'According to men who fled, the secret prisons give gay prisoners back to their families only on condition that the relatives kill them themselves, a practice the article calls "murder of honor". No number, name or date is given; dated like the secret prisons (2016-12/, end unknown).',
      actTypes: ['incitement-to-violence-by-family', 'threats'],
      date: '2016-12/',
      locations: ['argun-prison', 'tsotsi-yurt-prison'],
      citations: [says(8, 'They say that the secret prisons give gay prisoners back into their families only on the condition that they would kill their relative themselves, which is called a "murder of honor."', 3)],
    },
    {
      key: 'petition',
      title: 'All Out petition to President Putin',
      summary: `All Out made a petition to Russian President Vladimir Putin, signed by "75.000" (75,000) people around the world and to be sent once it reaches "80.000" (80,000) signatures, urging him to "immediately investigate these atrocious crimes and to bring to justice all those responsible". The article reports it from an All Out press release sent to the CrimeRussia. ${undatedResponse}`,
      actTypes: ['public-appeal'],
      date: '2016-12/',
      citations: [
        says(10, 'All Out made a petition to Russian President Vladimir Putin that has been signed by 75.000 LGBT members around the world. The paper will be sent to the president once it reaches 80.000 signatures, All Out reported in a press release that they sent to the CrimeRussia.', 2),
        says(11, 'The people urge the Head of state to “immediately investigate these atrocious crimes and to bring to justice all those responsible for the arrests, torture, and killings of gay men in Chechnya”.', 2),
      ],
    },
    {
      key: 'appeals',
      title: 'Calls for an investigation by PACE, the US State Department, the British and German foreign ministries, Amnesty International and the Human Rights Council',
      summary: `"Earlier" than the petition, "the same call" for an investigation came from the Parliamentary Assembly of the Council of Europe, the US State Department, the foreign ministries of Great Britain and Germany, Amnesty International and the Human Rights Council under the Russian President. The State Department "expressed concern"; the Council and Amnesty International "demanded that the authorities investigated allegations". ${undatedResponse}`,
      actTypes: ['public-appeal'],
      date: '2016-12/',
      citations: [sameCall, concern, demanded],
    },
    {
      key: 'moskalkova-appeal',
      title: 'Ombudsman Tatyana Moskalkova asks the prosecutors to verify the reports',
      summary: `Tatyana Moskalkova, the human rights ombudsman in Russia, appealed to the Prosecutor General's Office of the Russian Federation and to Chechnya's Prosecutor's Office to verify the information on kidnappings and killings of gay men in the republic. ${undatedResponse}`,
      actTypes: ['public-appeal'],
      date: '2016-12/',
      citations: [moskalkovaAppeal, moskalkovaAgain],
    },
  ],

  involvements: [
    ...detentions.flatMap((incident): InvolvementData[] =>
      ['chechen-mvd', 'sobr-terek', 'oil-regiment'].map((organisation) => ({
        incident,
        organisation,
        role: 'perpetrator',
        description: 'Named among those "involved in the round-ups of gays".',
        citations: [roundUps],
      })),
    ),
    ...[...detentions, 'secret-prisons'].flatMap((incident): InvolvementData[] =>
      ['daudov', 'kataev'].map((person) => ({
        incident,
        person,
        role: 'commander',
        description: 'According to the sources the article relays, "personally supervise the repressions against homosexuals".',
        citations: [supervision],
      })),
    ),
    { incident: 'secret-prisons', person: 'fugitives', role: 'witness', description: 'The prisons are located "according to the fugitives".', citations: [says(9, 'according to the fugitives', 3)] },
    { incident: 'disappearances', person: 'fugitives', role: 'witness', citations: [says(8, 'Those who managed to escape say that the missing men most likely have been killed by their relatives.', 3)] },
    { incident: 'honour-killings', person: 'fugitives', role: 'witness', citations: [says(8, 'They say that the secret prisons give gay prisoners back into their families', 3)] },
    { incident: 'killings', organisation: 'lgbt-network', role: 'intervener', description: 'Reported the murders.', citations: [says(8, 'Russian LGBT network have reported at least three murders', 2)] },
    { incident: 'petition', organisation: 'all-out', role: 'intervener', description: 'Made the petition.', citations: [says(10, 'All Out made a petition to Russian President Vladimir Putin', 2)] },
    { incident: 'appeals', organisation: 'pace', role: 'intervener', citations: [sameCall] },
    { incident: 'appeals', organisation: 'us-state-department', role: 'intervener', citations: [sameCall, concern] },
    { incident: 'appeals', organisation: 'uk-foreign-ministry', role: 'intervener', citations: [sameCall] },
    { incident: 'appeals', organisation: 'german-foreign-ministry', role: 'intervener', citations: [sameCall] },
    { incident: 'appeals', organisation: 'amnesty', role: 'intervener', citations: [sameCall, demanded] },
    { incident: 'appeals', organisation: 'hrc', role: 'intervener', citations: [sameCall, demanded] },
    { incident: 'moskalkova-appeal', person: 'moskalkova', role: 'intervener', citations: [moskalkovaAppeal, moskalkovaAgain] },
  ],

  // The article: "Chechen officials deny all the persecution reports". Each denial disputes the
  // incidents its words reach, graded on what it asserts against what the article reports.
  denials: [
    {
      // Denies that there is anyone to persecute: contradicted by every account the article relays.
      incidents: ['entrapment', 'first-wave', 'second-wave', 'secret-prisons', 'killings', 'disappearances', 'honour-killings'],
      citation: denies(13, 'the spokesman of the Chechen head Alvi Karimov said: "one cannot persecute someone who simply isn’t there,"', 5),
    },
    {
      // A blanket official denial of the detentions, with no counter-evidence given.
      incidents: ['first-wave', 'second-wave', 'secret-prisons'],
      citation: denies(13, 'Later, Nurdi Nukhazhiev, the Human Rights Ombudsman for Chechnya, said the reports of mass detentions of homosexuals were "complete nonsense and an attempt to create a scandal defaming the Chechen society."', 4),
    },
    {
      // A refusal to look into a killing rather than a statement of fact: its truth cannot be judged.
      incidents: ['killings'],
      citation: denies(13, 'HRO Kheda Saratova stated that she would not even consider a police statement about a homosexual homicide, because "homosexuality is a vice that every citizen of the republic will fight against."', 6),
    },
  ],
};
