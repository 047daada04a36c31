namespace IntroProgram.Seeds;

/// <summary>
/// A country demo participants come from: how common it is among recent arrivals, the languages its people prefer and
/// plausible names. The names are common ones, combined at random, so no combination describes a real person.
/// </summary>
public sealed record DemoOrigin(
    string Country,
    int Weight,
    int WomenPercent,
    (string Code, int Weight)[] Languages,
    string[] WomenGivenNames,
    string[] MenGivenNames,
    string[] FamilyNames);

public static class DemoOrigins
{
    public static readonly IReadOnlyList<DemoOrigin> All =
    [
        new("UA", 34, 72, [("uk", 85), ("ru", 15)],
            ["Olena", "Iryna", "Oksana", "Nataliia", "Tetiana", "Yuliia", "Kateryna", "Svitlana", "Halyna", "Mariia", "Anastasiia", "Viktoriia", "Liudmyla", "Inna"],
            ["Oleksandr", "Andrii", "Serhii", "Dmytro", "Mykola", "Volodymyr", "Ivan", "Yurii", "Taras", "Bohdan", "Vasyl", "Maksym"],
            ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Koval", "Oliinyk", "Shevchuk", "Polishchuk", "Lysenko", "Moroz", "Savchenko", "Rudenko", "Marchenko"]),
        new("SY", 18, 48, [("ar", 100)],
            ["Amal", "Rania", "Lina", "Hala", "Nour", "Rasha", "Fatima", "Reem", "Yasmin", "Layla", "Huda", "Dima", "Ghada", "Salma"],
            ["Ahmad", "Mohammad", "Khaled", "Omar", "Yousef", "Hassan", "Bassel", "Tarek", "Mahmoud", "Samer", "Fadi", "Ali", "Rami", "Ziad"],
            ["Haddad", "Al-Hassan", "Khalil", "Darwish", "Ibrahim", "Suleiman", "Hamdan", "Nasser", "Qasim", "Al-Ahmad", "Shaker", "Mansour", "Khoury", "Aziz", "Hamwi"]),
        new("AF", 15, 45, [("prs", 70), ("ps", 20), ("fa", 10)],
            ["Zahra", "Mariam", "Fereshta", "Shabnam", "Nargis", "Parwana", "Laila", "Habiba", "Sima", "Farzana", "Mursal", "Hosai"],
            ["Mohammad", "Farid", "Jawad", "Hamid", "Nasir", "Rahim", "Sohrab", "Wahid", "Zabiullah", "Abdul", "Mustafa", "Naweed"],
            ["Ahmadi", "Rahimi", "Hashimi", "Karimi", "Noori", "Sultani", "Mohammadi", "Hakimi", "Azizi", "Haidari", "Sadat", "Popal", "Amiri", "Stanikzai"]),
        new("ER", 12, 42, [("ti", 85), ("en", 15)],
            ["Senait", "Helen", "Saba", "Selam", "Yodit", "Feven", "Luwam", "Rahel", "Mebrat", "Hiwet", "Winta", "Ruta"],
            ["Yonas", "Daniel", "Filmon", "Tesfay", "Mehari", "Samuel", "Kibrom", "Habtom", "Dawit", "Robel", "Aron", "Merhawi"],
            ["Tesfamariam", "Ghebremedhin", "Haile", "Tekle", "Weldemichael", "Berhane", "Gebreyesus", "Kidane", "Asmerom", "Yohannes", "Habte", "Okbamichael"]),
        new("SO", 11, 50, [("so", 90), ("en", 10)],
            ["Hodan", "Fadumo", "Sahra", "Asha", "Ifrah", "Hibo", "Ayan", "Deeqa", "Sagal", "Nimco", "Hamdi", "Ubah"],
            ["Abdi", "Mohamed", "Ahmed", "Hassan", "Abdirahman", "Yusuf", "Ismail", "Farah", "Mahad", "Liban", "Guled", "Bashir"],
            ["Warsame", "Farah", "Abdullahi", "Jama", "Osman", "Mohamud", "Ali", "Hersi", "Aden", "Egal", "Nur", "Dahir", "Elmi"]),
        new("CD", 10, 52, [("fr", 60), ("sw", 30), ("en", 10)],
            ["Grace", "Esther", "Ange", "Rachel", "Merveille", "Francine", "Chantal", "Nadine", "Furaha", "Neema", "Sifa", "Dorcas"],
            ["Jean", "Patrick", "Emmanuel", "Christian", "Josue", "Baraka", "Amani", "Fiston", "Heritier", "Olivier", "Pascal", "Espoir"],
            ["Mukendi", "Ilunga", "Kalala", "Mbuyi", "Tshibangu", "Kasongo", "Mutombo", "Lukusa", "Banza", "Ngoy", "Bahati", "Mulumba", "Kabongo"]),
    ];

    /// <summary>Norwegian names of the languages social studies is taught in, for class titles.</summary>
    public static string LanguageName(string code) => code switch
    {
        "uk" => "ukrainsk",
        "ru" => "russisk",
        "ar" => "arabisk",
        "prs" => "dari",
        "ps" => "pashto",
        "fa" => "persisk",
        "ti" => "tigrinja",
        "so" => "somali",
        "fr" => "fransk",
        "sw" => "swahili",
        "en" => "engelsk",
        _ => code,
    };
}
