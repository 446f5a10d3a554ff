/**
 * Text templates of the synthetic directory, per subcategory: service names (EN, FR), one description
 * sentence (EN, FR) and an eligibility profile. A subcategory missing here (e.g. from an imported
 * taxonomy) falls back to its taxonomy name.
 */

export type Profile = 'all' | 'adults' | 'youth' | 'children' | 'seniors' | 'women' | 'newcomers';
export type HoursKind = 'office' | 'extended' | 'evenings' | 'allday' | 'weekly' | 'meals';

export interface SubcategoryTemplate {
  names: Array<[string, string]>;
  description: [string, string];
  profile?: Profile;
  hours?: HoursKind;
  /** Relative frequency (default 1). */
  weight?: number;
  fee?: boolean;
  /** Name of a typical agency running it: {city} is replaced. */
  agency?: Array<[string, string]>;
}

export const TEMPLATES: Record<string, SubcategoryTemplate> = {
  'FOOD-BANK': {
    names: [
      ['Food Bank', 'Banque alimentaire'],
      ['Emergency Food Cupboard', "Dépannage alimentaire d'urgence"],
      ['Community Food Bank', 'Banque alimentaire communautaire'],
    ],
    description: [
      'Provides free groceries, fresh produce and household staples to individuals and families who need help making ends meet.',
      "Offre gratuitement de l'épicerie, des fruits et légumes frais et des produits de base aux personnes et aux familles qui ont du mal à joindre les deux bouts.",
    ],
    hours: 'weekly',
    weight: 5,
    agency: [
      ['{city} Food Bank', 'Banque alimentaire de {city}'],
      ['{city} Community Food Bank', 'Banque alimentaire communautaire de {city}'],
      ['{city} Food Centre', 'Centre alimentaire de {city}'],
    ],
  },
  'FOOD-MEALS': {
    names: [
      ['Community Meal Program', 'Programme de repas communautaires'],
      ['Soup Kitchen', 'Soupe populaire'],
      ['Free Breakfast Program', 'Programme de déjeuners gratuits'],
    ],
    description: [
      'Serves free hot meals in a welcoming space; no questions asked and no referral needed.',
      'Sert gratuitement des repas chauds dans un lieu accueillant, sans questions et sans recommandation.',
    ],
    hours: 'meals',
    weight: 3,
    agency: [
      ['{city} Soup Kitchen', 'Soupe populaire de {city}'],
      ['Good Shepherd Ministries {city}', 'Ministères du Bon Pasteur de {city}'],
    ],
  },
  'FOOD-HAMPERS': {
    names: [
      ['Holiday Hamper Program', 'Paniers de Noël'],
      ['Emergency Food Hampers', "Paniers alimentaires d'urgence"],
    ],
    description: [
      'Delivers food hampers to households in need during the holidays and in emergencies.',
      "Livre des paniers de nourriture aux ménages dans le besoin pendant les Fêtes et en cas d'urgence.",
    ],
  },
  'FOOD-COMMUNITY-GARDEN': {
    names: [
      ['Community Garden', 'Jardin communautaire'],
      ['Community Kitchen', 'Cuisine collective'],
    ],
    description: [
      'Offers garden plots and group cooking sessions where participants grow and prepare healthy food together.',
      'Offre des parcelles de jardin et des ateliers de cuisine collective pour cultiver et préparer ensemble des aliments sains.',
    ],
  },
  'FOOD-STUDENT-NUTRITION': {
    names: [
      ['Student Nutrition Program', 'Programme de nutrition pour élèves'],
      ['School Breakfast Club', 'Club des petits déjeuners'],
    ],
    description: [
      'Provides healthy breakfasts and snacks to students at participating schools.',
      'Fournit des déjeuners et des collations santé aux élèves des écoles participantes.',
    ],
    profile: 'children',
  },
  'FOOD-MEAL-DELIVERY': {
    names: [
      ['Meals on Wheels', 'Popote roulante'],
      ['Frozen Meal Delivery', 'Livraison de repas surgelés'],
    ],
    description: [
      'Delivers nutritious hot or frozen meals to seniors and adults with disabilities living at home.',
      'Livre des repas nutritifs chauds ou surgelés aux aînés et aux adultes handicapés vivant à domicile.',
    ],
    profile: 'seniors',
    fee: true,
  },
  'FOOD-BABY': {
    names: [
      ['Baby Formula Program', 'Programme de lait maternisé'],
      ['Baby Food Bank', 'Banque alimentaire pour bébés'],
    ],
    description: [
      'Provides infant formula and baby food to parents and caregivers with low income.',
      'Fournit des préparations pour nourrissons et des aliments pour bébés aux parents à faible revenu.',
    ],
  },
  'HOUSING-SHELTER': {
    names: [
      ['Emergency Shelter', "Refuge d'urgence"],
      ["Men's Shelter", 'Refuge pour hommes'],
      ['Family Shelter', 'Refuge pour familles'],
    ],
    description: [
      'Offers emergency overnight beds, meals and help finding housing to people experiencing homelessness.',
      "Offre des lits d'urgence pour la nuit, des repas et de l'aide pour trouver un logement aux personnes en situation d'itinérance.",
    ],
    hours: 'allday',
    weight: 3,
    profile: 'adults',
    agency: [
      ['{city} Mission', 'Mission de {city}'],
      ['Salvation Army {city} Booth Centre', 'Armée du Salut – Centre Booth de {city}'],
    ],
  },
  'HOUSING-RENT-ASSIST': {
    names: [
      ['Rent Bank', 'Banque de loyer'],
      ['Rent Assistance Program', "Programme d'aide au loyer"],
      ['Housing Stability Fund', 'Fonds de stabilité du logement'],
    ],
    description: [
      "Helps tenants pay rent arrears or a last month's rent deposit to prevent eviction; interest-free loans or grants.",
      "Aide les locataires à payer des arriérés de loyer ou le dépôt du dernier mois pour éviter l'expulsion; prêts sans intérêt ou subventions.",
    ],
    weight: 3,
    profile: 'adults',
    agency: [
      ['{city} Housing Help Centre', "Centre d'aide au logement de {city}"],
      ['{city} Community Services', 'Services communautaires de {city}'],
    ],
  },
  'HOUSING-SUBSIDIZED': {
    names: [
      ['Rent-Geared-to-Income Housing', 'Logement à loyer indexé sur le revenu'],
      ['Social Housing Waitlist', "Liste d'attente du logement social"],
    ],
    description: [
      'Manages applications and the waiting list for subsidized housing where rent is based on household income.',
      "Gère les demandes et la liste d'attente des logements subventionnés dont le loyer est fixé selon le revenu du ménage.",
    ],
    weight: 2,
    agency: [['{city} Housing Corporation', 'Société de logement de {city}']],
  },
  'HOUSING-SEARCH': {
    names: [
      ['Housing Help', 'Aide au logement'],
      ['Housing Search Support', 'Soutien à la recherche de logement'],
    ],
    description: [
      'Helps people find and keep affordable housing: listings, landlord mediation and help with applications.',
      'Aide à trouver et à garder un logement abordable : annonces, médiation avec les propriétaires et aide aux demandes.',
    ],
    weight: 2,
  },
  'HOUSING-TENANT': {
    names: [
      ['Tenant Support', 'Soutien aux locataires'],
      ['Eviction Prevention', 'Prévention des expulsions'],
    ],
    description: [
      'Informs tenants of their rights and helps them respond to eviction notices and Landlord and Tenant Board hearings.',
      "Informe les locataires de leurs droits et les aide à répondre aux avis d'expulsion et aux audiences de la Commission de la location immobilière.",
    ],
  },
  'HOUSING-TRANSITIONAL': {
    names: [
      ['Transitional Housing', 'Logement de transition'],
      ['Supportive Housing', 'Logement avec services de soutien'],
    ],
    description: [
      'Provides housing with on-site support for people leaving homelessness, hospital or corrections.',
      "Offre un logement avec soutien sur place aux personnes qui sortent de l'itinérance, de l'hôpital ou d'un établissement correctionnel.",
    ],
  },
  'HOUSING-YOUTH-SHELTER': {
    names: [
      ['Youth Shelter', 'Refuge pour jeunes'],
      ['Youth Emergency Beds', "Lits d'urgence pour jeunes"],
    ],
    description: [
      'Emergency shelter, meals and case management for youth aged 16 to 24.',
      "Hébergement d'urgence, repas et suivi pour les jeunes de 16 à 24 ans.",
    ],
    profile: 'youth',
    hours: 'allday',
  },
  'HOUSING-DROP-IN': {
    names: [
      ['Drop-in Centre', 'Centre de jour'],
      ['Warm Drop-in', 'Halte-accueil'],
    ],
    description: [
      'A safe daytime space with coffee, snacks, showers, laundry and staff who connect people to services.',
      'Un lieu sûr le jour avec café, collations, douches, buanderie et intervenants qui orientent vers les services.',
    ],
    hours: 'extended',
    weight: 2,
  },
  'LEGAL-AID': {
    names: [
      ['Community Legal Clinic', 'Clinique juridique communautaire'],
      ['Legal Aid Services', "Services d'aide juridique"],
    ],
    description: [
      'Free legal advice and representation for people with low income in housing, income support, employment and human rights matters.',
      "Conseils et représentation juridiques gratuits pour les personnes à faible revenu en matière de logement, de soutien du revenu, d'emploi et de droits de la personne.",
    ],
    weight: 2,
    profile: 'adults',
    agency: [
      ['{city} Community Legal Clinic', 'Clinique juridique communautaire de {city}'],
      ['Legal Aid Ontario – {city}', 'Aide juridique Ontario – {city}'],
    ],
  },
  'LEGAL-FAMILY-LAW': {
    names: [
      ['Family Law Information Centre', "Centre d'information sur le droit de la famille"],
      ['Family Court Support', 'Soutien au tribunal de la famille'],
    ],
    description: [
      'Information about separation, divorce, custody and support, and help with family court forms.',
      'Information sur la séparation, le divorce, la garde et les pensions alimentaires, et aide pour les formulaires du tribunal de la famille.',
    ],
  },
  'LEGAL-IMMIGRATION': {
    names: [
      ['Refugee Legal Services', 'Services juridiques pour réfugiés'],
      ['Immigration Legal Help', 'Aide juridique en immigration'],
    ],
    description: [
      'Legal help for refugee claimants and immigrants: claims, appeals, sponsorships and status questions.',
      "Aide juridique aux demandeurs d'asile et aux immigrants : demandes, appels, parrainages et questions de statut.",
    ],
    profile: 'newcomers',
  },
  'LEGAL-VICTIM': {
    names: [
      ['Victim Services', 'Services aux victimes'],
      ['Victim Crisis Assistance', 'Aide aux victimes en situation de crise'],
    ],
    description: [
      'Immediate support, safety planning and referrals for victims of crime and tragic circumstances.',
      "Soutien immédiat, plan de sécurité et orientation pour les victimes d'actes criminels et de circonstances tragiques.",
    ],
    hours: 'allday',
  },
  'LEGAL-CONSUMER': {
    names: [
      ['Consumer Protection Help', 'Aide à la protection du consommateur'],
      ['Scam Prevention Line', 'Ligne de prévention des fraudes'],
    ],
    description: [
      'Advice about contracts, scams, door-to-door sales and filing consumer complaints.',
      'Conseils sur les contrats, les fraudes, la vente porte-à-porte et le dépôt de plaintes de consommateurs.',
    ],
  },
  'LEGAL-POLICE': {
    names: [
      ['Police Non-Emergency Line', 'Ligne non urgente de la police'],
      ['Community Safety Office', 'Bureau de la sécurité communautaire'],
    ],
    description: [
      'Report non-urgent incidents and get information on community safety programs.',
      "Signaler des incidents non urgents et obtenir de l'information sur les programmes de sécurité communautaire.",
    ],
    hours: 'allday',
  },
  'LEGAL-HUMAN-RIGHTS': {
    names: [
      ['Human Rights Legal Support', 'Soutien juridique en droits de la personne'],
      ['Anti-Discrimination Support', 'Soutien contre la discrimination'],
    ],
    description: [
      'Help for people who experienced discrimination at work, in housing or in services.',
      'Aide aux personnes victimes de discrimination au travail, dans le logement ou dans les services.',
    ],
  },
  'HEALTH-COMMUNITY': {
    names: [
      ['Community Health Centre', 'Centre de santé communautaire'],
      ['Primary Care Clinic', 'Clinique de soins primaires'],
    ],
    description: [
      'Doctors, nurse practitioners, dietitians and social workers for people without a family doctor.',
      'Médecins, infirmières praticiennes, diététistes et travailleurs sociaux pour les personnes sans médecin de famille.',
    ],
    weight: 2,
    agency: [['{city} Community Health Centre', 'Centre de santé communautaire de {city}']],
  },
  'HEALTH-WALK-IN': {
    names: [['Walk-in Clinic', 'Clinique sans rendez-vous']],
    description: [
      'Same-day care for minor illnesses and injuries; bring your health card.',
      'Soins le jour même pour les maladies et blessures mineures; apportez votre carte santé.',
    ],
    hours: 'extended',
    weight: 2,
  },
  'HEALTH-DENTAL': {
    names: [
      ['Community Dental Clinic', 'Clinique dentaire communautaire'],
      ['Healthy Smiles Dental Program', 'Programme dentaire Beaux sourires'],
    ],
    description: [
      'Low-cost or free dental care for children, seniors and adults with low income.',
      'Soins dentaires gratuits ou à faible coût pour les enfants, les aînés et les adultes à faible revenu.',
    ],
    fee: true,
  },
  'HEALTH-HOME-CARE': {
    names: [
      ['Home and Community Care', 'Soins à domicile et en milieu communautaire'],
      ['Personal Support at Home', 'Soutien personnel à domicile'],
    ],
    description: [
      'Nursing, personal support and therapy at home for people recovering or living with chronic illness.',
      'Soins infirmiers, soutien personnel et thérapie à domicile pour les personnes en convalescence ou atteintes de maladies chroniques.',
    ],
    profile: 'seniors',
  },
  'HEALTH-SEXUAL': {
    names: [['Sexual Health Clinic', 'Clinique de santé sexuelle']],
    description: [
      'Confidential testing, contraception and counselling; no health card needed.',
      'Dépistage, contraception et counseling confidentiels; carte santé non requise.',
    ],
  },
  'HEALTH-PRENATAL': {
    names: [
      ['Prenatal Classes', 'Cours prénatals'],
      ['Healthy Babies Healthy Children', 'Bébés en santé, enfants en santé'],
    ],
    description: [
      'Support for pregnant people and new parents: prenatal classes, home visits and breastfeeding help.',
      "Soutien aux personnes enceintes et aux nouveaux parents : cours prénatals, visites à domicile et aide à l'allaitement.",
    ],
  },
  'HEALTH-DISABILITY': {
    names: [
      ['Assistive Devices Loan', "Prêt d'appareils fonctionnels"],
      ['Disability Support Services', 'Services de soutien aux personnes handicapées'],
    ],
    description: [
      'Loans of mobility equipment and help with the Assistive Devices Program.',
      "Prêt d'équipement de mobilité et aide pour le Programme d'appareils et accessoires fonctionnels.",
    ],
  },
  'HEALTH-VISION': {
    names: [
      ['Low-Cost Eye Exams', 'Examens de la vue à faible coût'],
      ['Hearing Clinic', "Clinique de l'audition"],
    ],
    description: [
      'Eye and hearing tests and help paying for glasses and hearing aids.',
      "Examens de la vue et de l'audition et aide pour payer lunettes et appareils auditifs.",
    ],
    fee: true,
  },
  'FAMILY-SENIORS': {
    names: [
      ['Seniors Support Services', 'Services de soutien aux aînés'],
      ['Adult Day Program', 'Programme de jour pour adultes'],
      ['Friendly Visiting', "Visites d'amitié"],
    ],
    description: [
      'Friendly visits, telephone reassurance, day programs and help at home so seniors can live independently.',
      "Visites d'amitié, appels de sécurité, programmes de jour et aide à domicile pour que les aînés vivent de façon autonome.",
    ],
    profile: 'seniors',
    weight: 2,
    agency: [
      ['{city} Seniors Centre', 'Centre des aînés de {city}'],
      ['Community Support Services {city}', 'Services de soutien communautaire de {city}'],
    ],
  },
  'FAMILY-CHILDCARE': {
    names: [
      ['EarlyON Child and Family Centre', "Centre pour l'enfant et la famille ON y va"],
      ['Child Care Subsidy', "Subvention pour la garde d'enfants"],
    ],
    description: [
      'Free drop-in programs for children up to 6 and their caregivers, and help finding licensed child care.',
      "Programmes gratuits sans rendez-vous pour les enfants jusqu'à 6 ans et leurs parents, et aide pour trouver une garderie agréée.",
    ],
    profile: 'children',
    weight: 2,
  },
  'FAMILY-PARENTING': {
    names: [
      ['Parenting Workshops', 'Ateliers pour parents'],
      ['Parent Support Line', 'Ligne de soutien aux parents'],
    ],
    description: [
      'Workshops and one-to-one support on child development, discipline and family stress.',
      "Ateliers et soutien individuel sur le développement de l'enfant, la discipline et le stress familial.",
    ],
  },
  'FAMILY-YOUTH': {
    names: [
      ['Youth Centre', 'Centre jeunesse'],
      ['After-School Program', 'Programme parascolaire'],
    ],
    description: [
      'Drop-in, mentoring, homework help and recreation for young people.',
      'Accueil, mentorat, aide aux devoirs et loisirs pour les jeunes.',
    ],
    profile: 'youth',
    hours: 'evenings',
  },
  'FAMILY-NEWCOMER': {
    names: [
      ['Newcomer Settlement Services', "Services d'établissement pour nouveaux arrivants"],
      ['Settlement Workers in Schools', "Travailleurs d'établissement dans les écoles"],
    ],
    description: [
      'Help for immigrants and refugees with forms, housing, schools, health cards and finding community connections.',
      'Aide aux immigrants et aux réfugiés pour les formulaires, le logement, les écoles, la carte santé et les liens avec la communauté.',
    ],
    profile: 'newcomers',
    weight: 2,
    agency: [
      ['{city} Immigrant Services', 'Services aux immigrants de {city}'],
      ['Multicultural Council of {city}', 'Conseil multiculturel de {city}'],
    ],
  },
  'FAMILY-VIOLENCE': {
    names: [
      ["Women's Shelter", "Maison d'hébergement pour femmes"],
      ['Violence Against Women Crisis Line', 'Ligne de crise pour femmes victimes de violence'],
    ],
    description: [
      'Confidential 24-hour crisis line, safe shelter and counselling for women and children fleeing abuse.',
      'Ligne de crise confidentielle 24 heures, hébergement sécuritaire et counseling pour les femmes et les enfants fuyant la violence.',
    ],
    profile: 'women',
    hours: 'allday',
    weight: 2,
    agency: [
      ["{city} Women's Shelter", "Maison d'hébergement pour femmes de {city}"],
      ['Interval House {city}', 'Maison Interlude {city}'],
    ],
  },
  'FAMILY-INDIGENOUS': {
    names: [
      ['Indigenous Friendship Centre Programs', "Programmes du centre d'amitié autochtone"],
      ['Indigenous Family Support', 'Soutien aux familles autochtones'],
    ],
    description: [
      'Culturally grounded programs, cultural teachings and family support for First Nations, Inuit and Métis people.',
      'Programmes culturellement adaptés, enseignements culturels et soutien familial pour les Premières Nations, les Inuits et les Métis.',
    ],
    agency: [['{city} Indigenous Friendship Centre', "Centre d'amitié autochtone de {city}"]],
  },
  'FAMILY-LGBTQ': {
    names: [
      ['2SLGBTQ+ Youth Group', 'Groupe jeunesse 2ELGBTQ+'],
      ['Pride Community Support', 'Soutien communautaire Fierté'],
    ],
    description: [
      'Peer groups, counselling and safe spaces for Two-Spirit, lesbian, gay, bisexual, trans and queer people.',
      'Groupes de pairs, counseling et espaces sûrs pour les personnes bispirituelles, lesbiennes, gaies, bisexuelles, trans et queers.',
    ],
  },
  'INCOME-OW': {
    names: [
      ['Ontario Works', 'Ontario au travail'],
      ['Social Assistance Intake', "Accueil de l'aide sociale"],
    ],
    description: [
      'Financial help with basic needs and shelter costs, plus employment supports, for people in financial need.',
      "Aide financière pour les besoins essentiels et le logement, et soutien à l'emploi, pour les personnes dans le besoin.",
    ],
    profile: 'adults',
    weight: 2,
    agency: [['City of {city} Social Services', 'Services sociaux de la Ville de {city}']],
  },
  'INCOME-ODSP': {
    names: [
      ['Ontario Disability Support Program', 'Programme ontarien de soutien aux personnes handicapées'],
    ],
    description: [
      'Income and employment support for adults with disabilities; help applying and with medical reviews.',
      "Soutien du revenu et de l'emploi pour les adultes handicapés; aide à la demande et aux révisions médicales.",
    ],
    profile: 'adults',
  },
  'INCOME-TAX-CLINIC': {
    names: [
      ['Free Tax Clinic', "Comptoir d'impôts gratuit"],
      ['Community Volunteer Income Tax Program', "Programme communautaire des bénévoles en matière d'impôt"],
    ],
    description: [
      'Volunteers file simple tax returns for free for people with modest income, so they receive their benefits and credits.',
      "Des bénévoles remplissent gratuitement les déclarations de revenus simples des personnes à revenu modeste pour qu'elles reçoivent leurs prestations et crédits.",
    ],
    weight: 2,
  },
  'INCOME-BENEFITS': {
    names: [
      ['Benefits Navigation', "Aide à l'accès aux prestations"],
      ['Income Support Help Desk', "Comptoir d'aide au soutien du revenu"],
    ],
    description: [
      'Help finding and applying for government benefits such as the Canada Child Benefit, GST credit and pensions.',
      "Aide pour trouver et demander des prestations comme l'Allocation canadienne pour enfants, le crédit de TPS et les pensions.",
    ],
  },
  'INCOME-EMERGENCY-FUNDS': {
    names: [
      ['Emergency Assistance Fund', "Fonds d'aide d'urgence"],
      ['Emergency Financial Help', "Aide financière d'urgence"],
    ],
    description: [
      'One-time financial help for urgent needs such as prescriptions, ID replacement or travel.',
      "Aide financière ponctuelle pour des besoins urgents comme des médicaments, le remplacement de pièces d'identité ou un déplacement.",
    ],
  },
  'INCOME-CREDIT': {
    names: [
      ['Credit Counselling', 'Conseil en crédit'],
      ['Debt Management Program', 'Programme de gestion des dettes'],
    ],
    description: [
      'Free budgeting advice and help negotiating with creditors.',
      'Conseils budgétaires gratuits et aide pour négocier avec les créanciers.',
    ],
  },
  'INCOME-PENSIONS': {
    names: [['Seniors Pension Help', 'Aide aux pensions des aînés']],
    description: [
      'Help applying for Old Age Security, Guaranteed Income Supplement and Canada Pension Plan.',
      'Aide pour demander la Sécurité de la vieillesse, le Supplément de revenu garanti et le Régime de pensions du Canada.',
    ],
    profile: 'seniors',
  },
  'INFO-211': {
    names: [['Community Information and Referral', 'Information et aiguillage communautaires']],
    description: [
      'Information about community, social, health and government services and referral to the right one.',
      'Information sur les services communautaires, sociaux, de santé et gouvernementaux, et aiguillage vers le bon service.',
    ],
  },
  'INFO-LIBRARY': {
    names: [['Public Library Branch', 'Succursale de bibliothèque publique']],
    description: [
      'Books, computers, free Wi-Fi, newcomer programs and community meeting rooms.',
      'Livres, ordinateurs, Wi-Fi gratuit, programmes pour nouveaux arrivants et salles communautaires.',
    ],
    hours: 'extended',
    agency: [['{city} Public Library', 'Bibliothèque publique de {city}']],
  },
  'INFO-COMMUNITY-INFO': {
    names: [['Community Information Centre', "Centre d'information communautaire"]],
    description: [
      'Walk-in help with forms, directories of local services and community notices.',
      'Aide sans rendez-vous pour les formulaires, répertoires des services locaux et avis communautaires.',
    ],
  },
  'INFO-INTERPRETATION': {
    names: [['Community Interpreter Services', "Services d'interprétation communautaire"]],
    description: [
      'Trained interpreters for medical, legal and social service appointments.',
      'Interprètes formés pour les rendez-vous médicaux, juridiques et sociaux.',
    ],
    fee: true,
  },
  'INFO-INTERNET': {
    names: [['Free Internet Access', 'Accès Internet gratuit']],
    description: [
      'Public computers, printing and Wi-Fi for job searches and online forms.',
      "Ordinateurs publics, impression et Wi-Fi pour la recherche d'emploi et les formulaires en ligne.",
    ],
  },
  'MENTAL-CRISIS': {
    names: [
      ['Crisis Line', 'Ligne de crise'],
      ['Mobile Crisis Team', "Équipe mobile d'intervention de crise"],
      ['Distress Centre', 'Centre de détresse'],
    ],
    description: [
      '24-hour telephone support and mobile response for people in emotional or mental health crisis.',
      'Soutien téléphonique 24 heures et intervention mobile pour les personnes en crise émotionnelle ou de santé mentale.',
    ],
    hours: 'allday',
    weight: 2,
    agency: [
      [
        'Canadian Mental Health Association – {city}',
        'Association canadienne pour la santé mentale – {city}',
      ],
      ['Distress Centre {city}', 'Centre de détresse de {city}'],
    ],
  },
  'MENTAL-COUNSELLING': {
    names: [
      ['Counselling Services', 'Services de counseling'],
      ['Walk-in Counselling Clinic', 'Clinique de counseling sans rendez-vous'],
    ],
    description: [
      'Short-term individual, couple and family counselling; sliding-scale fees.',
      'Counseling à court terme individuel, de couple et familial; tarifs selon le revenu.',
    ],
    fee: true,
    weight: 2,
    agency: [
      ['Family Service {city}', 'Services à la famille de {city}'],
      ['Catholic Family Services of {city}', 'Services familiaux catholiques de {city}'],
    ],
  },
  'MENTAL-ADDICTION': {
    names: [
      ['Addiction Treatment Program', 'Programme de traitement des dépendances'],
      ['Substance Use Counselling', 'Counseling en consommation de substances'],
    ],
    description: [
      'Assessment, day treatment and counselling for alcohol, drug and gambling problems.',
      "Évaluation, traitement de jour et counseling pour les problèmes d'alcool, de drogues et de jeu.",
    ],
    profile: 'adults',
  },
  'MENTAL-HARM-REDUCTION': {
    names: [
      ['Harm Reduction Program', 'Programme de réduction des méfaits'],
      ['Naloxone Distribution', 'Distribution de naloxone'],
    ],
    description: [
      'Free harm reduction supplies, naloxone kits and non-judgmental support.',
      'Matériel de réduction des méfaits, trousses de naloxone et soutien sans jugement, gratuitement.',
    ],
  },
  'MENTAL-SUPPORT-GROUPS': {
    names: [
      ['Peer Support Group', "Groupe d'entraide"],
      ['Grief Support Group', 'Groupe de soutien au deuil'],
    ],
    description: [
      'Weekly peer-led groups for people living with mental illness, grief or caring for a loved one.',
      'Groupes hebdomadaires animés par des pairs pour les personnes vivant avec une maladie mentale, un deuil ou aidant un proche.',
    ],
    hours: 'evenings',
  },
  'MENTAL-YOUTH': {
    names: [
      ['Child and Youth Mental Health', 'Santé mentale des enfants et des jeunes'],
      ['Youth Walk-in Counselling', 'Counseling sans rendez-vous pour jeunes'],
    ],
    description: [
      'Counselling and therapy for children, teens and their families.',
      'Counseling et thérapie pour les enfants, les adolescents et leurs familles.',
    ],
    profile: 'youth',
  },
  'MENTAL-WITHDRAWAL': {
    names: [['Withdrawal Management Centre', 'Centre de gestion du sevrage']],
    description: [
      'Safe, supervised withdrawal from alcohol and drugs with referral to treatment.',
      "Sevrage sécuritaire et supervisé de l'alcool et des drogues, avec orientation vers un traitement.",
    ],
    hours: 'allday',
    profile: 'adults',
  },
  'GOVT-SERVICE-ONTARIO': {
    names: [['ServiceOntario Centre', 'Centre ServiceOntario']],
    description: [
      "Health cards, driver's licences, birth certificates and other provincial ID.",
      "Cartes santé, permis de conduire, certificats de naissance et autres pièces d'identité provinciales.",
    ],
    fee: true,
  },
  'GOVT-SERVICE-CANADA': {
    names: [['Service Canada Centre', 'Centre Service Canada']],
    description: [
      'Social Insurance Numbers, Employment Insurance, passports and federal benefits.',
      "Numéros d'assurance sociale, assurance-emploi, passeports et prestations fédérales.",
    ],
  },
  'GOVT-MUNICIPAL': {
    names: [['Municipal Client Services', 'Services municipaux à la clientèle']],
    description: [
      'City services, property tax, permits and by-law questions.',
      'Services municipaux, impôt foncier, permis et règlements municipaux.',
    ],
  },
  'GOVT-SMALL-BUSINESS': {
    names: [['Small Business Centre', 'Centre des petites entreprises']],
    description: [
      'Free advice, workshops and grants for entrepreneurs starting or growing a business.',
      'Conseils gratuits, ateliers et subventions pour les entrepreneurs qui démarrent ou font croître une entreprise.',
    ],
  },
  'GOVT-VETERANS': {
    names: [["Veterans' Support Services", 'Services de soutien aux vétérans']],
    description: [
      'Help for veterans and their families with benefits, housing and mental health.',
      'Aide aux vétérans et à leur famille pour les prestations, le logement et la santé mentale.',
    ],
  },
  'UTILITY-ENERGY': {
    names: [
      ['Energy Assistance Program', "Programme d'aide pour l'énergie"],
      ['Low-income Energy Assistance', "Aide à l'énergie pour ménages à faible revenu"],
    ],
    description: [
      'Grants toward overdue electricity and natural gas bills for low-income households.',
      "Subventions pour les factures d'électricité et de gaz naturel en souffrance des ménages à faible revenu.",
    ],
    weight: 2,
  },
  'UTILITY-WATER': {
    names: [['Water Bill Assistance', "Aide pour la facture d'eau"]],
    description: [
      'Help paying overdue water bills and avoiding disconnection.',
      "Aide pour payer des factures d'eau en retard et éviter l'interruption du service.",
    ],
  },
  'UTILITY-PHONE-INTERNET': {
    names: [
      ['Low-Cost Internet Program', 'Programme Internet à faible coût'],
      ['Phone Access Program', "Programme d'accès au téléphone"],
    ],
    description: [
      'Affordable home internet and phones for families and seniors with low income.',
      'Internet et téléphone abordables pour les familles et les aînés à faible revenu.',
    ],
  },
  'UTILITY-HEATING': {
    names: [['Winter Warmth Program', "Programme d'aide hivernale"]],
    description: [
      'Emergency help with heating fuel and furnace repairs in winter.',
      "Aide d'urgence pour le combustible de chauffage et la réparation de fournaises en hiver.",
    ],
  },
  'UTILITY-ARREARS': {
    names: [['Utility Arrears Help', 'Aide pour les arriérés de services publics']],
    description: [
      'Negotiates payment plans with utilities and helps stop disconnections.',
      'Négocie des ententes de paiement avec les fournisseurs et aide à éviter les débranchements.',
    ],
  },
  'TRANSPORT-MEDICAL': {
    names: [
      ['Medical Transportation', 'Transport médical'],
      ['Rides to Appointments', 'Transport aux rendez-vous'],
    ],
    description: [
      'Rides to medical appointments, dialysis and cancer treatment for people without transportation.',
      'Transport vers les rendez-vous médicaux, la dialyse et les traitements contre le cancer pour les personnes sans moyen de transport.',
    ],
    fee: true,
  },
  'TRANSPORT-ACCESSIBLE': {
    names: [
      ['Accessible Transit', 'Transport adapté'],
      ['Paratransit Service', 'Service de transport adapté'],
    ],
    description: [
      'Door-to-door accessible transit for people who cannot use regular buses.',
      "Transport adapté de porte à porte pour les personnes qui ne peuvent pas utiliser l'autobus ordinaire.",
    ],
    fee: true,
  },
  'TRANSPORT-TRANSIT-PASS': {
    names: [['Affordable Transit Pass', 'Laissez-passer de transport abordable']],
    description: [
      'Reduced-fare monthly transit passes for residents with low income.',
      'Laissez-passer mensuels à tarif réduit pour les résidents à faible revenu.',
    ],
  },
  'TRANSPORT-VOLUNTEER-DRIVERS': {
    names: [['Volunteer Driver Program', 'Programme de chauffeurs bénévoles']],
    description: [
      'Volunteer drivers take seniors and people with disabilities to appointments and errands.',
      'Des chauffeurs bénévoles conduisent les aînés et les personnes handicapées à leurs rendez-vous et courses.',
    ],
    profile: 'seniors',
    fee: true,
  },
  'TRANSPORT-RURAL': {
    names: [
      ['Rural Transportation', 'Transport rural'],
      ['Community Bus', 'Autobus communautaire'],
    ],
    description: [
      'Scheduled community bus service connecting rural areas to town.',
      "Service régulier d'autobus communautaire reliant les régions rurales à la ville.",
    ],
    fee: true,
  },
  'ARTS-RECREATION': {
    names: [['Community Recreation Programs', 'Programmes de loisirs communautaires']],
    description: [
      'Swimming, skating, fitness and arts classes for all ages.',
      'Natation, patinage, conditionnement physique et arts pour tous les âges.',
    ],
    fee: true,
    hours: 'extended',
  },
  'ARTS-SPORTS': {
    names: [['Youth Sports League', 'Ligue sportive jeunesse']],
    description: [
      'Low-cost sports programs and free equipment for children and youth.',
      'Programmes sportifs à faible coût et équipement gratuit pour les enfants et les jeunes.',
    ],
    profile: 'youth',
    fee: true,
  },
  'ARTS-CULTURAL': {
    names: [
      ['Cultural Centre Programs', 'Programmes du centre culturel'],
      ['Centre culturel francophone', 'Centre culturel francophone'],
    ],
    description: [
      'Cultural events, language classes and community gatherings.',
      'Événements culturels, cours de langue et rassemblements communautaires.',
    ],
  },
  'ARTS-CAMPS': {
    names: [['Summer Day Camp', "Camp de jour d'été"]],
    description: [
      'Summer and March break day camps with subsidies for families with low income.',
      "Camps de jour d'été et de la relâche avec subventions pour les familles à faible revenu.",
    ],
    profile: 'children',
    fee: true,
  },
  'ARTS-SUBSIDY': {
    names: [['Recreation Fee Assistance', 'Aide pour les frais de loisirs']],
    description: [
      'Covers registration fees for recreation programs for residents with low income.',
      "Couvre les frais d'inscription aux programmes de loisirs pour les résidents à faible revenu.",
    ],
  },
  'EDUCATION-ESL': {
    names: [
      ['Language Instruction for Newcomers (LINC)', 'Cours de langue pour les immigrants au Canada (CLIC)'],
      ['English Conversation Circle', 'Cercle de conversation en anglais'],
    ],
    description: [
      'Free English and French classes for permanent residents and refugees, with child minding.',
      "Cours d'anglais et de français gratuits pour résidents permanents et réfugiés, avec halte-garderie.",
    ],
    profile: 'newcomers',
  },
  'EDUCATION-ADULT': {
    names: [['Adult High School', 'École secondaire pour adultes']],
    description: [
      'Earn an Ontario Secondary School Diploma through flexible day, evening and online courses.',
      "Obtenez votre diplôme d'études secondaires de l'Ontario grâce à des cours flexibles de jour, de soir et en ligne.",
    ],
    profile: 'adults',
  },
  'EDUCATION-LITERACY': {
    names: [['Literacy and Basic Skills', 'Alphabétisation et formation de base']],
    description: [
      'One-to-one and small-group help with reading, writing, math and computer skills.',
      'Aide individuelle et en petits groupes en lecture, écriture, calcul et informatique.',
    ],
    profile: 'adults',
  },
  'EDUCATION-TUTORING': {
    names: [['Homework Club', 'Club des devoirs']],
    description: [
      'Free after-school tutoring by volunteers for students in grades 1 to 12.',
      "Tutorat gratuit après l'école par des bénévoles pour les élèves de la 1re à la 12e année.",
    ],
    profile: 'children',
    hours: 'evenings',
  },
  'EDUCATION-FINANCIAL-AID': {
    names: [['Student Financial Aid Help', "Aide à l'aide financière aux études"]],
    description: [
      'Help applying for OSAP, bursaries and scholarships.',
      "Aide pour demander le RAFEO, des bourses d'études et des bourses.",
    ],
  },
  'EDUCATION-DIGITAL': {
    names: [['Digital Skills Workshops', 'Ateliers de compétences numériques']],
    description: [
      'Learn to use a computer, smartphone, email and online government services.',
      'Apprenez à utiliser un ordinateur, un téléphone intelligent, le courriel et les services gouvernementaux en ligne.',
    ],
    profile: 'seniors',
  },
  'CLOTHING-BANK': {
    names: [
      ['Clothing Bank', 'Banque de vêtements'],
      ['Free Clothing Room', 'Vestiaire gratuit'],
    ],
    description: [
      'Free clean clothing and footwear for all ages.',
      'Vêtements propres et chaussures gratuits pour tous les âges.',
    ],
    hours: 'weekly',
    weight: 2,
    agency: [['St. Vincent de Paul Society {city}', 'Société de Saint-Vincent de Paul de {city}']],
  },
  'CLOTHING-FURNITURE': {
    names: [['Furniture Bank', 'Banque de meubles']],
    description: [
      'Gently used furniture and household items for people moving out of homelessness or fleeing violence.',
      "Meubles et articles ménagers usagés pour les personnes qui sortent de l'itinérance ou fuient la violence.",
    ],
    fee: true,
  },
  'CLOTHING-HYGIENE': {
    names: [['Hygiene Products Program', "Programme de produits d'hygiène"]],
    description: [
      'Free toiletries, menstrual products and personal care items.',
      'Articles de toilette, produits menstruels et articles de soins personnels gratuits.',
    ],
  },
  'CLOTHING-BABY': {
    names: [['Diaper Bank', 'Banque de couches']],
    description: [
      'Diapers, wipes and baby supplies for families with low income.',
      'Couches, lingettes et articles pour bébés pour les familles à faible revenu.',
    ],
  },
  'CLOTHING-WINTER': {
    names: [['Winter Coat Drive', "Collecte de manteaux d'hiver"]],
    description: [
      'Free winter coats, boots, hats and mittens each fall.',
      "Manteaux, bottes, tuques et mitaines d'hiver gratuits chaque automne.",
    ],
  },
  'CLOTHING-LAUNDRY-SHOWERS': {
    names: [['Shower and Laundry Program', 'Programme de douches et de buanderie']],
    description: [
      'Free showers, laundry machines and towels for people experiencing homelessness.',
      "Douches, laveuses et serviettes gratuites pour les personnes en situation d'itinérance.",
    ],
  },
  'EMPLOYMENT-SERVICES': {
    names: [
      ['Employment Ontario Services', "Services d'Emploi Ontario"],
      ['Job Search Centre', "Centre de recherche d'emploi"],
    ],
    description: [
      'Job search help, résumé writing, job matching and hiring incentives for employers.',
      "Aide à la recherche d'emploi, rédaction de CV, jumelage et incitatifs à l'embauche pour les employeurs.",
    ],
    weight: 2,
    agency: [
      ['{city} Employment Services', "Services d'emploi de {city}"],
      ['YMCA of {city} Employment Centre', "Centre d'emploi du YMCA de {city}"],
    ],
  },
  'EMPLOYMENT-TRAINING': {
    names: [
      ['Skills Training Program', 'Programme de formation professionnelle'],
      ['Apprenticeship Information', "Information sur l'apprentissage"],
    ],
    description: [
      'Short training programs and apprenticeships in trades, health care and technology.',
      'Formations courtes et apprentissages dans les métiers, la santé et la technologie.',
    ],
  },
  'EMPLOYMENT-YOUTH': {
    names: [['Youth Job Connection', 'Connexion emploi jeunesse']],
    description: [
      'Paid pre-employment training and job placements for youth facing barriers.',
      'Formation préparatoire rémunérée et stages pour les jeunes qui font face à des obstacles.',
    ],
    profile: 'youth',
  },
  'EMPLOYMENT-NEWCOMER': {
    names: [['Newcomer Employment Program', "Programme d'emploi pour nouveaux arrivants"]],
    description: [
      'Bridging programs, mentoring and credential recognition help for internationally trained professionals.',
      "Programmes relais, mentorat et aide à la reconnaissance des titres de compétences pour les professionnels formés à l'étranger.",
    ],
    profile: 'newcomers',
  },
  'EMPLOYMENT-DISABILITY': {
    names: [['Supported Employment', 'Emploi assisté']],
    description: [
      'Job coaching and workplace accommodation support for people with disabilities.',
      "Accompagnement en emploi et soutien aux mesures d'adaptation pour les personnes handicapées.",
    ],
  },
  'EMPLOYMENT-RIGHTS': {
    names: [["Workers' Action Centre", "Centre d'action des travailleurs"]],
    description: [
      'Help with unpaid wages, unfair dismissal and workplace rights.',
      'Aide pour les salaires impayés, les congédiements injustes et les droits au travail.',
    ],
  },
  'VOLUNTEER-CENTRES': {
    names: [['Volunteer Centre', 'Centre de bénévolat']],
    description: [
      'Matches volunteers with local non-profit organizations.',
      'Jumelle les bénévoles avec les organismes sans but lucratif locaux.',
    ],
  },
  'VOLUNTEER-DONATIONS': {
    names: [['Donation Drop-off', 'Dépôt de dons']],
    description: [
      'Accepts donations of clothing, food and household goods.',
      "Accepte les dons de vêtements, de nourriture et d'articles ménagers.",
    ],
  },
  'VOLUNTEER-BLOOD': {
    names: [['Blood Donor Clinic', 'Collecte de sang']],
    description: [
      'Book an appointment to donate blood, plasma or register as a stem cell donor.',
      'Prenez rendez-vous pour donner du sang, du plasma ou vous inscrire comme donneur de cellules souches.',
    ],
  },
  'VOLUNTEER-MENTORING': {
    names: [['Big Brothers Big Sisters Mentoring', 'Mentorat Grands Frères Grandes Sœurs']],
    description: [
      'Matches children and youth with caring adult mentors.',
      'Jumelle les enfants et les jeunes avec des mentors adultes bienveillants.',
    ],
    profile: 'children',
  },
  'DISASTER-EMERGENCY-SHELTER': {
    names: [['Emergency Evacuation Centre', "Centre d'évacuation d'urgence"]],
    description: [
      'Temporary lodging, meals and personal services for people evacuated from their homes.',
      'Hébergement temporaire, repas et services personnels pour les personnes évacuées de leur domicile.',
    ],
    hours: 'allday',
  },
  'DISASTER-RELIEF': {
    names: [['Disaster Relief Services', 'Services de secours aux sinistrés']],
    description: [
      'Emergency help after fires and floods: clothing, lodging, replacement of essentials.',
      "Aide d'urgence après un incendie ou une inondation : vêtements, hébergement, remplacement des biens essentiels.",
    ],
    hours: 'allday',
    agency: [['Canadian Red Cross – {city}', 'Croix-Rouge canadienne – {city}']],
  },
  'DISASTER-PREPAREDNESS': {
    names: [['Emergency Preparedness Information', 'Information sur la préparation aux urgences']],
    description: [
      'Information on emergency kits, evacuation plans and local alerts.',
      "Information sur les trousses d'urgence, les plans d'évacuation et les alertes locales.",
    ],
  },
  'DISASTER-HEAT-COLD': {
    names: [
      ['Warming Centre', 'Centre de réchauffement'],
      ['Cooling Centre', 'Centre de rafraîchissement'],
    ],
    description: [
      'Opens during extreme cold or heat alerts with a safe space, water and snacks.',
      'Ouvert lors des alertes de froid ou de chaleur extrêmes : lieu sûr, eau et collations.',
    ],
    hours: 'extended',
  },
};

/** Generic agency names when a subcategory has none: {city} and {saint} are replaced. */
export const GENERIC_AGENCIES: Array<[string, string]> = [
  ['{city} Community Services', 'Services communautaires de {city}'],
  ['{city} Community Resource Centre', 'Centre de ressources communautaires de {city}'],
  ['{saint} House', 'Maison {saint}'],
  ['{saint} Centre', 'Centre {saint}'],
  ['United Way {city}', 'Centraide {city}'],
  ['Salvation Army {city}', 'Armée du Salut {city}'],
  ['{city} Family Services', 'Services à la famille de {city}'],
  ['{city} Neighbourhood Centre', 'Centre de quartier de {city}'],
  ['{city} Multi-Service Centre', 'Centre multiservices de {city}'],
  ['Centre communautaire {saint}', 'Centre communautaire {saint}'],
  ['{city} Wellness Centre', 'Centre de mieux-être de {city}'],
];

export const SAINTS = [
  'St. Joseph',
  'St. Mary',
  'St. Paul',
  'St. Anne',
  'St. Francis',
  'St. Leonard',
  'Ste. Marguerite',
  'St. Jean',
  'Marie-Louise',
  'Harmony',
  'Hope',
  'Beacon',
  'Lighthouse',
  'Cornerstone',
  'Good Neighbour',
  'Bridgeway',
  'Northern Lights',
  'Riverside',
  'Maple Leaf',
  'Horizon',
];

export const STREETS = [
  'Main Street',
  'King Street',
  'Queen Street',
  'Rideau Street',
  'Bank Street',
  'Elm Street',
  'Victoria Avenue',
  'Dundas Street',
  'Yonge Street',
  'Water Street',
  'Church Street',
  'Wellington Street',
  'Front Street',
  'Albert Street',
  'Simcoe Street',
  'rue Principale',
  'rue Notre-Dame',
  'Algonquin Boulevard',
  'Cumberland Street',
  'Memorial Avenue',
  'Lakeshore Road',
  'College Street',
  'Pine Street',
  'Maple Avenue',
  'Second Avenue',
];

/** Languages other than en/fr offered, with a rough share. */
export const OTHER_LANGUAGES: Array<[string, number]> = [
  ['ar', 6],
  ['zh', 6],
  ['es', 5],
  ['pa', 4],
  ['ur', 3],
  ['tl', 3],
  ['pt', 3],
  ['it', 2],
  ['fa', 3],
  ['so', 2],
  ['ti', 1],
  ['ta', 3],
  ['uk', 2],
  ['ru', 2],
  ['pl', 1],
  ['vi', 2],
  ['ko', 1],
  ['hi', 2],
  ['oj', 1],
  ['cr', 1],
  ['ase', 1],
];
