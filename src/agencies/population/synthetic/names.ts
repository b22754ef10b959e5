/**
 * Azerbaijani names for synthetic people, in the Latin script used by the registers. The lists
 * are common given names and surnames, not a frequency table: the generator draws uniformly,
 * which is enough for test and demo data.
 */

// prettier-ignore
export const MALE_FIRST_NAMES: readonly string[] = [
  'Əli', 'Məmməd', 'Hüseyn', 'Həsən', 'Elçin', 'Elnur', 'Rəşad', 'Orxan', 'Tural', 'Vüqar',
  'Kamran', 'Rauf', 'Rövşən', 'Fərid', 'Murad', 'Nicat', 'Ramil', 'Ruslan', 'Səbuhi', 'Tərlan',
  'Ülvi', 'Yusif', 'İbrahim', 'İsmayıl', 'Nurlan', 'Samir', 'Elvin', 'Emin', 'Anar', 'Zaur',
  'Namiq', 'Araz', 'Cavid', 'Kənan', 'Mahir', 'Ayxan', 'Fuad', 'Eldar', 'Elşən', 'Vüsal',
  'Azər', 'Teymur', 'Tofiq', 'Rasim', 'Vaqif', 'Zakir', 'Şahin', 'Rafiq', 'Arif', 'Aydın',
  'Bəhruz', 'Cəlal', 'Fikrət', 'İlham', 'Mübariz', 'Nadir', 'Pərviz', 'Rüstəm', 'Sənan', 'Toğrul',
  'Xəyal', 'Yaşar', 'Zahid', 'Əkbər', 'Ömər', 'Hikmət', 'Kərim', 'Nazim', 'Ələsgər', 'Cəmil',
  'Məhəmməd', 'Ayaz', 'Tunar', 'Ədalət', 'Sahib', 'Qəşəm', 'Natiq', 'Seymur', 'Cahid', 'Elmar',
  'Rüfət', 'Elxan', 'Vasif', 'Qabil', 'Firudin', 'Yaqub', 'Musa', 'Tahir', 'Əziz', 'Nihad',
];

// prettier-ignore
export const FEMALE_FIRST_NAMES: readonly string[] = [
  'Aysel', 'Aynur', 'Günel', 'Leyla', 'Nərgiz', 'Səbinə', 'Könül', 'Sevinc', 'Aytən', 'Gülnar',
  'Lalə', 'Nigar', 'Ülviyyə', 'Zərifə', 'Fidan', 'Nazlı', 'Aygün', 'Şəbnəm', 'Ayşən', 'Səidə',
  'Rəna', 'Türkan', 'Vüsalə', 'Xədicə', 'Zəhra', 'Fatimə', 'Mələk', 'Ayan', 'Aida', 'Arzu',
  'Cəmilə', 'Elmira', 'Esmira', 'Gülşən', 'İlahə', 'Kəmalə', 'Lamiyə', 'Mehriban', 'Nailə', 'Pərvin',
  'Röya', 'Sevda', 'Sona', 'Təranə', 'Ülkər', 'Validə', 'Yeganə', 'Zemfira', 'Zülfiyyə', 'Şəfəq',
  'Mədinə', 'Nərmin', 'Aytac', 'Sahilə', 'Samirə', 'Gülarə', 'Firəngiz', 'Tamilla', 'Əsmər', 'İradə',
  'Məryəm', 'Nuranə', 'Sədaqət', 'Gülbəniz', 'Humay', 'Jalə', 'Kifayət', 'Mətanət', 'Nəzakət', 'Raya',
  'Solmaz', 'Tünzalə', 'Xanım', 'Yaqut', 'Zeynəb', 'Ayla', 'Dilarə', 'Fəridə', 'Gülər', 'Həcər',
  'İnarə', 'Lətafət', 'Minayə', 'Naznin', 'Ofelya', 'Pərişan', 'Rübabə', 'Sürəyya', 'Şahnaz', 'Vəfa',
];

/**
 * Surnames in their male form. Those ending in -ov/-yev/-ev take -a for women (Məmmədov,
 * Məmmədova); those in -li/-lı/-lu/-lü or -zadə are the same for both sexes.
 */
// prettier-ignore
export const SURNAMES: readonly string[] = [
  'Məmmədov', 'Əliyev', 'Həsənov', 'Hüseynov', 'Quliyev', 'İsmayılov', 'Abbasov', 'Rzayev',
  'Hacıyev', 'Mustafayev', 'Cəfərov', 'Orucov', 'Nəsirov', 'Babayev', 'Kərimov', 'Qasımov',
  'Süleymanov', 'İbrahimov', 'Əhmədov', 'Rəhimov', 'Bağırov', 'Nağıyev', 'Zeynalov', 'Vəliyev',
  'Əsgərov', 'Musayev', 'Sadıqov', 'Tağıyev', 'Paşayev', 'Əmirov', 'Novruzov', 'Şükürov',
  'Salmanov', 'Xəlilov', 'Cabbarov', 'Məlikov', 'Kazımov', 'Hümbətov', 'Allahverdiyev', 'Həşimov',
  'Qurbanov', 'Yusifov', 'Osmanov', 'Sultanov', 'Ağayev', 'Mirzəyev', 'Fərzəliyev', 'Seyidov',
  'Qafarov', 'Rüstəmov', 'Bayramov', 'Nəbiyev', 'İsgəndərov', 'Heydərov', 'Mehdiyev', 'Qəhrəmanov',
  'Həsənli', 'Əlizadə', 'Məmmədli', 'Hüseynzadə', 'Qasımlı', 'Rəsulzadə', 'Vəzirli', 'Cavadlı',
  'Sultanlı', 'Əhmədli', 'Talıblı', 'Bağırzadə', 'Abdullayev', 'Ələkbərov', 'Hacızadə', 'Nuriyev',
];

export type Sex = 'male' | 'female';

/** The surname in the form for `sex`: Əliyev → Əliyeva; Həsənli stays Həsənli. */
export function surnameFor(maleForm: string, sex: Sex): string {
  return sex === 'female' && maleForm.endsWith('v') ? `${maleForm}a` : maleForm;
}

/** The male form of a surname as a woman carries it: Əliyeva → Əliyev. */
export function surnameRoot(surname: string): string {
  return surname.endsWith('va') ? surname.slice(0, -1) : surname;
}

/** "Elçin oğlu" for a son, "Elçin qızı" for a daughter: the father's first name and the suffix. */
export function patronymicOf(fatherFirstName: string, sex: Sex): string {
  return `${fatherFirstName} ${sex === 'male' ? 'oğlu' : 'qızı'}`;
}

/** Streets found in most towns of Azerbaijan; the kind (küçəsi, prospekti) is part of the name. */
// prettier-ignore
export const STREETS: readonly string[] = [
  'Nizami küçəsi', 'Füzuli küçəsi', 'Xətai küçəsi', 'Səməd Vurğun küçəsi',
  'Üzeyir Hacıbəyov küçəsi', 'Cəfər Cabbarlı küçəsi', 'Natəvan küçəsi', 'Azadlıq prospekti',
  'İstiqlaliyyət küçəsi', 'Heydər Əliyev prospekti', 'Neftçilər prospekti', '28 May küçəsi',
  'Şəhriyar küçəsi', 'Mirzə Fətəli Axundov küçəsi', 'Bülbül küçəsi', 'Rəşid Behbudov küçəsi',
  'Həsən bəy Zərdabi küçəsi', 'Zərifə Əliyeva küçəsi', 'Əhməd Cavad küçəsi', 'Hüseyn Cavid küçəsi',
  'Məhəmməd Hadi küçəsi', 'Abdulla Şaiq küçəsi', 'Sabir küçəsi', 'Mikayıl Müşfiq küçəsi',
  'Qarabağ küçəsi', 'Gənclik küçəsi', 'Sülh küçəsi', 'Təbriz küçəsi', 'Dədə Qorqud küçəsi',
  'Koroğlu küçəsi', 'Babək prospekti', 'Cavanşir küçəsi', 'Atatürk prospekti',
  'Məmməd Əmin Rəsulzadə küçəsi', 'Əliağa Vahid küçəsi', 'Vaqif küçəsi', 'Nəsimi küçəsi',
  'Qara Qarayev küçəsi', 'Fikrət Əmirov küçəsi', 'Yusif Səfərov küçəsi',
];
