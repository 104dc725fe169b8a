/**
 * The founding case as a researcher would enter it from its one source, the article in
 * context/seed-article.txt. Records refer to each other by symbolic keys ('argun', 'daudov'),
 * resolved to ids while loading. Every claim is cited with the article's own words; names in
 * Cyrillic and coordinates come from general knowledge and are marked as such.
 *
 * Locators count the article's body paragraphs from 1 ("News broke two weeks ago…") to 14
 * ("Information about the persecution…"), leaving out the title, the two section headings and
 * the image with its caption. The quotes are verbatim, typographic quotes and the no-break space
 * in paragraph 9 included, so a reader can find each one by searching the text.
 */
import type { CaseRecords, CitationData } from './founding-case.js';

type Credibility = CitationData['credibility'];

/** A statement of the article supporting the claim it is attached to. */
export function says(paragraph: number | string, quote: string, credibility: Credibility): CitationData {
  const locator = typeof paragraph === 'number' ? `paragraph ${paragraph}` : paragraph;
  return { source: 'article', locator, quote, stance: 'supports', credibility };
}

/** An official denial the article reports: recorded as disputing, never left out. */
export function denies(paragraph: number, quote: string, credibility: Credibility): CitationData {
  return { ...says(paragraph, quote, credibility), stance: 'disputes' };
}

const gazetteer = 'The point is the settlement centre from general gazetteer knowledge, not from the source; the radius allows for the size of the town and the uncertainty of that knowledge.';

const prisons = says(9, 'The secret prisons where at least 100 homosexual men are kept illegally, are in Argun and Tsotsi-Yurt, according to the fugitives.', 3);

/** Who and where: the source, places, bodies, persons and posts the incidents refer to. */
export const records: CaseRecords = {
  sources: [
    {
      key: 'article',
      kind: 'news-article',
      title: 'Worldwide LGBT Community Raising Funds to Get Gays to Safety',
      publisher: 'The CrimeRussia',
      language: 'en',
      reliability: 'C',
      notes: [
        'The article as kept in context/seed-article.txt. The text names no author and gives neither a URL nor a publication date (it says only that the news "broke two weeks ago"), so author, URL and published date are left empty rather than guessed.',
        'Graded C (fairly reliable): a secondary news report that relays the Russian LGBT Network, an All Out press release "that they sent to the CrimeRussia", the outlet\'s own earlier reporting and unnamed fugitives, without saying that it verified any of them. The press release is not entered as a source of its own: the article takes only the petition from it and quotes nothing else from it, so every citation points at the article, whose words are quoted.',
        'Locators count body paragraphs 1 ("News broke two weeks ago…") to 14 ("Information about the persecution…"), leaving out the title, the headings "Set-ups for gays" and "Taking action" and the image hematoma.jpg with its caption.',
      ].join('\n\n'),
    },
  ],

  locations: [
    {
      key: 'russia',
      name: 'Russia',
      kind: 'country',
      parent: null,
      alternativeNames: [
        { name: 'Russian Federation', kind: 'alias', language: 'en' },
        { name: 'Россия', kind: 'native-script', language: 'ru' },
      ],
    },
    {
      key: 'chechnya',
      name: 'Chechen Republic',
      kind: 'region',
      parent: 'russia',
      point: { latitude: 43.25, longitude: 45.75, precisionMeters: 150_000 },
      description: 'Called "Chechnya" and "the republic" in the article. The point is a rough centre of the republic from general geographic knowledge, not from the source; its 150 km radius covers the whole republic.',
      alternativeNames: [
        { name: 'Chechnya', kind: 'alias', language: 'en', citations: [says(1, 'tortures of homosexuals in Chechnya’s illegal detention centers', 2)] },
        { name: 'Чеченская Республика', kind: 'native-script', language: 'ru' },
        { name: 'Чечня', kind: 'native-script', language: 'ru' },
      ],
    },
    {
      key: 'argun',
      name: 'Argun',
      kind: 'settlement',
      parent: 'chechnya',
      point: { latitude: 43.29, longitude: 45.87, precisionMeters: 4_000 },
      description: `Town in the Chechen Republic, named in the article as the place of one of the secret prisons. ${gazetteer}`,
      alternativeNames: [{ name: 'Аргун', kind: 'native-script', language: 'ru' }],
    },
    {
      key: 'tsotsi-yurt',
      name: 'Tsotsi-Yurt',
      kind: 'settlement',
      parent: 'chechnya',
      point: { latitude: 43.24, longitude: 46.0, precisionMeters: 5_000 },
      description: `Village in the Chechen Republic, named in the article as the place of one of the secret prisons. ${gazetteer}`,
      alternativeNames: [
        { name: 'Tsotsin-Yurt', kind: 'spelling-variant', language: 'ru-Latn' },
        { name: 'Цоци-Юрт', kind: 'native-script', language: 'ru' },
      ],
    },
    {
      key: 'argun-prison',
      name: 'Secret prison in Argun',
      kind: 'detention-site',
      parent: 'argun',
      description: 'Known only from the fugitives\' accounts the article relays; the article gives no address or site, so no point is recorded.',
      citations: [prisons],
    },
    {
      key: 'tsotsi-yurt-prison',
      name: 'Secret prison in Tsotsi-Yurt',
      kind: 'detention-site',
      parent: 'tsotsi-yurt',
      description: 'Known only from the fugitives\' accounts the article relays; the article gives no address or site, so no point is recorded.',
      citations: [prisons],
    },
  ],

  organisations: [
    {
      key: 'rosgvardia',
      name: 'Rosgvardia',
      kind: 'security-agency',
      parent: null,
      description: 'The federal body that, per the article, the SOBR Terek fighters and "oil regiment" servicemen are "presently under" (paragraph 9).',
      alternativeNames: [
        { name: 'National Guard of Russia', kind: 'translation', language: 'en' },
        { name: 'Росгвардия', kind: 'native-script', language: 'ru' },
      ],
    },
    {
      key: 'sobr-terek',
      name: 'SOBR "Terek"',
      kind: 'security-unit',
      parent: 'rosgvardia',
      description: 'Special rapid response unit; its "fighters" are named among those involved in the round-ups of gay men (paragraph 9).',
      alternativeNames: [
        { name: 'SOBR Terek', kind: 'spelling-variant', language: 'en', citations: [says(9, 'SOBR Terek\u00a0fighters', 2)] },
        { name: 'СОБР «Терек»', kind: 'native-script', language: 'ru' },
      ],
    },
    {
      key: 'oil-regiment',
      name: 'Oil regiment',
      kind: 'security-unit',
      parent: 'rosgvardia',
      description: 'Named in the article only as the "oil regiment", whose servicemen are involved in the round-ups (paragraph 9); the article gives no official name.',
      alternativeNames: [{ name: 'Нефтеполк', kind: 'native-script', language: 'ru' }],
    },
    {
      key: 'chechen-mvd',
      name: 'Ministry of Internal Affairs for the Chechen Republic',
      kind: 'ministry',
      parent: null,
      description: 'The article speaks only of "the local home ministry" and "the local Ministry of Internal Affairs"; read here as the republic\'s police ministry, since every event it reports is in Chechnya.',
      alternativeNames: [
        { name: 'local home ministry', kind: 'alias', language: 'en', citations: [says(9, 'Apart from the local home ministry', 2)] },
        { name: 'МВД по Чеченской Республике', kind: 'native-script', language: 'ru' },
      ],
    },
    {
      key: 'argun-mvd',
      name: 'Argun department of the Ministry of Internal Affairs',
      kind: 'ministry',
      parent: 'chechen-mvd',
      description: 'Headed by Ayub Kataev according to the article, which calls it "the local Ministry of Internal Affairs Argun" (paragraph 9).',
      alternativeNames: [
        { name: 'Ministry of Internal Affairs Argun', kind: 'alias', language: 'en', citations: [says(9, 'the head of the local Ministry of Internal Affairs Argun Ayub Kataev', 2)] },
      ],
    },
    {
      key: 'parliament',
      name: 'Chechen Parliament',
      kind: 'legislature',
      parent: null,
      alternativeNames: [
        { name: 'Parliament of the Chechen Republic', kind: 'alias', language: 'en' },
        { name: 'Парламент Чеченской Республики', kind: 'native-script', language: 'ru' },
      ],
    },
    {
      key: 'head-office',
      name: 'Office of the Head of the Chechen Republic',
      kind: 'government',
      parent: null,
      description: 'Entered only for Alvi Karimov\'s post, "the spokesman of the Chechen head" (paragraph 13); the article does not name the head.',
    },
    { key: 'chechen-ombudsman', name: 'Office of the Human Rights Ombudsman for Chechnya', kind: 'ombudsman', parent: null },
    {
      key: 'russian-ombudsman',
      name: 'Office of the Human Rights Commissioner for Russia',
      kind: 'ombudsman',
      parent: null,
      alternativeNames: [{ name: 'human rights ombudsman in Russia', kind: 'alias', language: 'en' }],
    },
    {
      key: 'hrc',
      name: 'Human Rights Council under the Russian President',
      kind: 'ombudsman',
      parent: null,
      alternativeNames: [
        { name: 'HRC', kind: 'alias', language: 'en', citations: [says(12, 'the Human Rights Council (HRC) under the Russian President', 2)] },
        { name: 'Human Rights Council under the President of Russia', kind: 'spelling-variant', language: 'en' },
      ],
    },
    {
      key: 'prosecutor-general',
      name: "Prosecutor General's Office of the Russian Federation",
      kind: 'prosecutor',
      parent: null,
      description: 'Addressee of Tatyana Moskalkova\'s request to verify the reports (paragraphs 12 and 14).',
    },
    {
      key: 'chechen-prosecutor',
      name: "Chechnya's Prosecutor's Office",
      kind: 'prosecutor',
      parent: null,
      description: 'Addressee of Tatyana Moskalkova\'s request to verify the reports (paragraphs 12 and 14).',
    },
    {
      key: 'lgbt-network',
      name: 'Russian LGBT Network',
      kind: 'ngo',
      parent: null,
      alternativeNames: [{ name: 'Российская ЛГБТ-сеть', kind: 'native-script', language: 'ru' }],
    },
    { key: 'all-out', name: 'All Out', kind: 'ngo', parent: null, description: '"The international organization All Out" (paragraph 1).' },
    { key: 'amnesty', name: 'Amnesty International', kind: 'ngo', parent: null },
    {
      key: 'pace',
      name: 'Parliamentary Assembly of the Council of Europe',
      kind: 'intergovernmental',
      parent: null,
      alternativeNames: [{ name: 'PACE', kind: 'alias', language: 'en', citations: [says(12, 'Parliamentary Assembly of the Council of Europe (PACE)', 2)] }],
    },
    {
      key: 'us-state-department',
      name: 'US State Department',
      kind: 'ministry',
      parent: null,
      alternativeNames: [{ name: 'US Department of State', kind: 'alias', language: 'en', citations: [says(14, 'The US Department of State expressed concern', 2)] }],
    },
    { key: 'uk-foreign-ministry', name: 'Foreign Ministry of Great Britain', kind: 'ministry', parent: null, description: 'Named as one of "the Foreign Ministries of Great Britain and Germany" (paragraph 12).' },
    { key: 'german-foreign-ministry', name: 'Foreign Ministry of Germany', kind: 'ministry', parent: null, description: 'Named as one of "the Foreign Ministries of Great Britain and Germany" (paragraph 12).' },
  ],

  persons: [
    {
      key: 'daudov',
      name: 'Magomed Daudov',
      protection: 'public-figure',
      description: 'Chechen Parliament Speaker. According to the sources the article relays, he personally supervises the repressions against gay men (paragraph 9).',
      alternativeNames: [
        { name: 'Магомед Даудов', kind: 'native-script', language: 'ru' },
        { name: 'Lord', kind: 'call-sign', language: 'en', citations: [says(9, 'Chechen Parliament Speaker Magomed Daudov (call sign "Lord")', 3)] },
        { name: 'Лорд', kind: 'call-sign', language: 'ru' },
      ],
    },
    {
      key: 'kataev',
      name: 'Ayub Kataev',
      protection: 'public-figure',
      description: 'Head of the Ministry of Internal Affairs in Argun. According to the sources the article relays, he personally supervises the repressions against gay men (paragraph 9).',
      alternativeNames: [{ name: 'Аюб Катаев', kind: 'native-script', language: 'ru' }],
    },
    {
      key: 'karimov',
      name: 'Alvi Karimov',
      protection: 'public-figure',
      description: 'Spokesman of the head of Chechnya; denied the persecution (paragraph 13).',
      alternativeNames: [{ name: 'Альви Каримов', kind: 'native-script', language: 'ru' }],
    },
    {
      key: 'saratova',
      name: 'Kheda Saratova',
      protection: 'public-figure',
      description: 'Called "HRO" in the article, an abbreviation it does not expand (read here as a human-rights official), and counted among the Chechen officials who deny the reports (paragraph 13). The article names no body she serves, so no post is recorded.',
      alternativeNames: [{ name: 'Хеда Саратова', kind: 'native-script', language: 'ru' }],
    },
    {
      key: 'nukhazhiev',
      name: 'Nurdi Nukhazhiev',
      protection: 'public-figure',
      description: 'Human Rights Ombudsman for Chechnya; called the reports of mass detentions "complete nonsense" (paragraph 13).',
      alternativeNames: [{ name: 'Нурди Нухажиев', kind: 'native-script', language: 'ru' }],
    },
    {
      key: 'moskalkova',
      name: 'Tatyana Moskalkova',
      protection: 'public-figure',
      description: 'Human rights ombudsman in Russia ("Human Rights Commissioner for Russia" in paragraph 14); asked the prosecutors to verify the reports.',
      alternativeNames: [{ name: 'Татьяна Москалькова', kind: 'native-script', language: 'ru' }],
    },
    { key: 'beard', name: 'Matt Beard', protection: 'public-figure', description: 'Executive Director at All Out; quoted in paragraph 3.' },
    {
      key: 'zakharova',
      name: 'Svetlana Zakharova',
      protection: 'public-figure',
      description: 'Communications manager at the Russian LGBT Network; quoted in paragraph 4.',
      alternativeNames: [{ name: 'Светлана Захарова', kind: 'native-script', language: 'ru' }],
    },
    {
      key: 'fugitives',
      name: 'Unnamed men who fled Chechnya (fugitives quoted collectively)',
      protection: 'protected',
      pseudonymKind: 'witness',
      description: 'The article relays what "the fugitives" and "those who managed to escape" say, collectively: it gives no names and no number, so no one man can be told apart. Entered as one protected witness so that their accounts can be tied to incidents without exposing anyone.',
    },
  ],

  // No period: the article dates no post. It presents each as held at the time it reports on.
  posts: [
    { person: 'daudov', organisation: 'parliament', role: 'Speaker', citations: [says(9, 'Chechen Parliament Speaker Magomed Daudov', 2)] },
    { person: 'kataev', organisation: 'argun-mvd', role: 'Head', citations: [says(9, 'the head of the local Ministry of Internal Affairs Argun Ayub Kataev', 2)] },
    { person: 'karimov', organisation: 'head-office', role: 'Spokesman of the Chechen head', citations: [says(13, 'the spokesman of the Chechen head Alvi Karimov', 2)] },
    { person: 'nukhazhiev', organisation: 'chechen-ombudsman', role: 'Human Rights Ombudsman for Chechnya', citations: [says(13, 'Nurdi Nukhazhiev, the Human Rights Ombudsman for Chechnya', 2)] },
    {
      person: 'moskalkova',
      organisation: 'russian-ombudsman',
      role: 'Human rights ombudsman in Russia (Human Rights Commissioner for Russia)',
      citations: [says(12, 'Tatyana Moskalkova, the human rights ombudsman in Russia', 2), says(14, 'Human Rights Commissioner for Russia Tatyana Moskalkova', 2)],
    },
    { person: 'beard', organisation: 'all-out', role: 'Executive Director', citations: [says(3, 'said Matt Beard, Executive Director at All Out', 2)] },
    {
      person: 'zakharova',
      organisation: 'lgbt-network',
      role: 'Communications manager',
      citations: [says(4, 'added Svetlana Zakharova, Communications manager at the Russian LGBT Network', 2)],
    },
  ],
};
