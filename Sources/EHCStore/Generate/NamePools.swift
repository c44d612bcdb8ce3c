/// The invented names a synthetic caseload draws from: children of many origins, caseworkers,
/// and the parts that settings' names are made of.
///
/// Names go together by origin (a child called Łukasz is usually a Kowalski, not a Nguyễn), with
/// accents, apostrophes, spaces and a few CJK names so that sorting, filtering and column widths
/// meet real text. The pairings are random, so no list holds a real person on purpose.
///
/// ```swift
/// let origin = NamePools.childOrigins[0]
/// origin.givenNames.first     // "Oliver"
/// ```
enum NamePools {
    /// Given and family names of one origin, and how common it is among the caseload (in percent).
    struct Origin: Sendable {
        let weight: Int
        let givenNames: [String]
        let familyNames: [String]
    }

    static let childOrigins: [Origin] = [
        Origin(weight: 38,
               givenNames: ["Oliver", "Amelia", "Harry", "Isla", "Jack", "Poppy", "Alfie", "Freya", "Charlie", "Evie",
                            "Theo", "Ruby", "George", "Lily", "Noah", "Grace", "Leo", "Ella", "Archie", "Zoë"],
               familyNames: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                             "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
                             "Hall", "Wood", "Clarke", "Hughes", "Pryce-Jones", "O'Neill"]),
        Origin(weight: 6,
               givenNames: ["Siobhán", "Aoife", "Niamh", "Seán", "Oisín", "Cian", "Róisín", "Saoirse", "Ciarán",
                            "Éabha"],
               familyNames: ["Ó Briain", "Murphy", "Kelly", "O'Sullivan", "Walsh", "Ó Dónaill", "Byrne",
                             "McCarthy", "Mac Giolla Phádraig"]),
        Origin(weight: 8,
               givenNames: ["Łukasz", "Zofia", "Jakub", "Wiktoria", "Kacper", "Małgorzata", "Szymon", "Zuzana",
                            "Tomáš", "Anežka", "Jiří"],
               familyNames: ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Dvořák", "Novák", "Svoboda",
                             "Kowalczyk", "Zieliński", "Černý"]),
        Origin(weight: 3,
               givenNames: ["Lena", "Jonas", "Mia", "Lukas", "Jörg", "Annika"],
               familyNames: ["Müller", "Schäfer", "Weiß", "Schröder", "Becker", "Größmann"]),
        Origin(weight: 4,
               givenNames: ["Chloé", "Renée", "Noémie", "José", "Inés", "Mateo", "Lucía", "João"],
               familyNames: ["García", "Fernández", "Silva", "Dubois", "Lefèvre", "Gonçalves", "Pérez"]),
        Origin(weight: 4,
               givenNames: ["Minh", "Thảo", "Huy", "Linh", "Đức", "Ngọc", "Phương", "Quân"],
               familyNames: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"]),
        Origin(weight: 4,
               givenNames: ["Ayşe", "Emre", "Elif", "Yusuf", "Zeynep", "Çağan", "Gül"],
               familyNames: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"]),
        Origin(weight: 8,
               givenNames: ["Ngozi", "Oluwaseun", "Chidi", "Adaeze", "Tobi", "Folake", "Kwame", "Ama", "Emeka",
                            "Chiamaka"],
               familyNames: ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Mensah", "Eze", "Adebayo", "Nwosu"]),
        Origin(weight: 12,
               givenNames: ["Aarav", "Priya", "Arjun", "Ananya", "Ishaan", "Aisha", "Rohan", "Saanvi", "Harpreet",
                            "Zain"],
               familyNames: ["Patel", "Sharma", "Singh", "Kaur", "Khan", "Begum", "Hussain", "Chowdhury",
                             "Gupta", "Ahmed"]),
        Origin(weight: 8,
               givenNames: ["Fatima", "Omar", "Yusuf", "Amina", "Idris", "Maryam", "Hamza", "Layla", "Khadija"],
               familyNames: ["Ibrahim", "Ali", "Hassan", "Abdi", "Mohamed", "Farah", "Osman", "Al-Sayed"]),
        Origin(weight: 4,
               givenNames: ["Wei", "Mei", "Jun", "Xinyi", "Hao", "Yu"],
               familyNames: ["Chen", "Wang", "Li", "Zhang", "Liu", "Huang"]),
        // Written in Chinese characters: two terminal columns each, to keep list alignment honest.
        Origin(weight: 1,
               givenNames: ["雷", "欣怡", "子轩", "梓涵", "浩然"],
               familyNames: ["李", "王", "张", "陈", "刘"]),
    ]

    static let childOriginWeights: [Int] = childOrigins.map(\.weight)

    static let caseworkerGivenNames = [
        "Sarah", "Helen", "Priya", "James", "Rachel", "Deborah", "Kwabena", "Joanne", "Mark", "Fiona", "Aisha",
        "Gareth", "Claire", "Tom", "Nadia", "Bethan",
    ]

    /// All different, so that caseworkers' names are too.
    static let caseworkerFamilyNames = [
        "Holloway", "Pritchard", "Mensah-Clarke", "Okoro", "Fairbrother", "Lindqvist", "Ashworth", "Kaur-Bains",
        "Templeton", "Greaves", "Hollis", "Mahmood", "Pennington", "Quayle", "Rowntree", "Sutcliffe",
    ]

    /// Place-like words that schools, nurseries and colleges are named after.
    static let placeNames = [
        "Oakfield", "Riverside", "Meadowbank", "Hillcrest", "Brookside", "Elmwood", "Northgate", "Ashgrove",
        "Kingsway", "Westfield", "Fairfield", "Willow Tree", "Beechwood", "Castle View", "Harbourside", "Larkspur",
        "Millbrook", "Ravenscroft", "Thornbury", "Greenacre", "Moorside", "Hazelmere", "Southfields", "Copperfield",
    ]

    static let churchSchoolNames = [
        "St Anne's C of E Primary", "St Joseph's Catholic Primary School", "Holy Trinity C of E Primary School",
        "St Mary's RC Primary", "St Bede's Catholic Primary School", "St Chad's C of E Primary",
    ]
}
