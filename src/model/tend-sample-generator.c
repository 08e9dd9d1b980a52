/* tend-sample-generator.c: a realistic small business, the same every time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rosa runs a bakery and café. Her connections come from the nine kinds
 * of source, shaped the way those networks really are: most followers
 * never talk to her, a few dozen people carry the business. A small cast
 * of named people (family, friends, suppliers, partners, peers, regular
 * customers) is written first; everyone else is drawn from name tables
 * in many scripts.
 *
 * Everything depends only on the seed and on "now", through a PRNG of our
 * own, so the same options give the same database content every time.
 * Each connection's history has its own PRNG stream, which lets the
 * interaction count be scaled to any total without reshuffling names.
 */
#define G_LOG_DOMAIN "tend-sample-generator"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tend-sample-generator.h"

#define DAY ((gint64) 24 * 60 * 60)

/* How often the cancellable is looked at, in rows written. */
#define CANCEL_CHECK_INTERVAL 1000

#define DEFAULT_N_CONNECTIONS 400

/* Histories reach back two years; most of it falls in the last one. */
#define HISTORY_DAYS 730
#define RECENT_DAYS 365
/* Older than the measuring window (365 days), with room to spare. */
#define OLD_MIN_DAYS 400
/* Light contact: months old, far below the activity threshold. */
#define WEAK_MIN_DAYS 200

/* DESIGN.md's measures, mirrored here so that each relationship lands in
 * the quadrant it was written for. The anchor target stays well above the
 * activity threshold (2) so that small changes to the measures keep the
 * shape. */
#define DECAY_WINDOW_DAYS 365.0
#define DECAY_HALF_LIFE_DAYS 90.0
#define ANCHOR_TARGET 2.6
#define ANCHOR_MAX_DAYS 45

/* PRNG streams: one for the cast, one for the crowd, one per history. */
#define STREAM_CAST G_GUINT64_CONSTANT (0x100000000)
#define STREAM_CROWD G_GUINT64_CONSTANT (0x200000000)
#define STREAM_HISTORY G_GUINT64_CONSTANT (0x300000000)

/* xoshiro256**, seeded through splitmix64 */
typedef struct {
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 state = seed;

  state = splitmix64 (&state) ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/* A number in [0, n). */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* A number in [0, 1). */
static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_chance (Rng    *rng,
            double  probability)
{
  return rng_double (rng) < probability;
}

/* A number in [lo, hi), or lo when the range is empty. */
static gint64
rng_between (Rng    *rng,
             gint64  lo,
             gint64  hi)
{
  if (hi <= lo)
    return lo;

  return lo + (gint64) (rng_next (rng) % (guint64) (hi - lo));
}

static guint
rng_pick_weighted (Rng          *rng,
                   const guint  *weights,
                   guint         n_weights)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];

  if (total == 0)
    return 0;

  pick = rng_below (rng, total);
  for (guint i = 0; i < n_weights; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }

  return n_weights - 1;
}

#define RNG_PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* Names
 *
 * Each word has its spelling and, where that is not plain ASCII, the way
 * its owner would spell it in a user name. */

typedef struct {
  const char *name;
  const char *ascii;   /* NULL: the name itself, lowercased */
} Word;

typedef enum {
  ORDER_GIVEN_FIRST,
  ORDER_FAMILY_FIRST,
  ORDER_FAMILY_FIRST_JOINED,
} NameOrder;

typedef struct {
  guint weight;
  NameOrder order;
  const Word *female;
  guint n_female;
  const Word *male;
  guint n_male;
  const Word *family;
  const Word *family_female;   /* NULL when family names do not change */
  guint n_family;
} Culture;

#define WORDS(array) array, G_N_ELEMENTS (array)

static const Word english_female[] = {
  { "Emma" }, { "Olivia" }, { "Sophie" }, { "Grace" }, { "Charlotte" }, { "Lucy" },
  { "Hannah" }, { "Chloe" }, { "Megan" }, { "Amelia" }, { "Isla" }, { "Rachel" },
};
static const Word english_male[] = {
  { "Jack" }, { "Harry" }, { "Oliver" }, { "James" }, { "Thomas" }, { "William" },
  { "George" }, { "Daniel" }, { "Samuel" }, { "Ethan" }, { "Callum" }, { "Owen" },
};
static const Word english_family[] = {
  { "Smith" }, { "Jones" }, { "Taylor" }, { "Brown" }, { "Williams" }, { "Wilson" },
  { "Evans" }, { "Johnson" }, { "Roberts" }, { "Walker" }, { "Wright" }, { "Robinson" },
  { "Thompson" }, { "Hughes" }, { "Edwards" }, { "Green" }, { "Hall" }, { "Wood" },
  { "Murphy" }, { "O’Brien", "obrien" }, { "Kelly" }, { "Campbell" },
};

static const Word french_female[] = {
  { "Émilie", "emilie" }, { "Chloé", "chloe" }, { "Léa", "lea" }, { "Hélène", "helene" },
  { "Gaëlle", "gaelle" }, { "Noémie", "noemie" }, { "Cécile", "cecile" },
  { "Françoise", "francoise" }, { "Anaïs", "anais" }, { "Maëlys", "maelys" },
  { "Céline", "celine" }, { "Agnès", "agnes" }, { "Zoë", "zoe" }, { "Inès", "ines" },
};
static const Word french_male[] = {
  { "Émile", "emile" }, { "Théo", "theo" }, { "Mathéo", "matheo" }, { "Jérôme", "jerome" },
  { "Benoît", "benoit" }, { "Loïc", "loic" }, { "Étienne", "etienne" },
  { "Raphaël", "raphael" }, { "François", "francois" }, { "Noël", "noel" },
  { "Gaël", "gael" }, { "Hervé", "herve" },
};
static const Word french_family[] = {
  { "Girard" }, { "Lefèvre", "lefevre" }, { "Mercier" }, { "Dupré", "dupre" },
  { "Bélanger", "belanger" }, { "Rousseau" }, { "Fontaine" }, { "Chevalier" },
  { "Gauthier" }, { "Lemaître", "lemaitre" }, { "Moreau" }, { "Bérard", "berard" },
  { "Faure" }, { "Ménard", "menard" }, { "Boucher" }, { "Lévêque", "leveque" },
  { "Hébert", "hebert" }, { "Thibault" }, { "Péron", "peron" }, { "Leclerc" },
};

static const Word spanish_female[] = {
  { "María", "maria" }, { "Lucía", "lucia" }, { "Sofía", "sofia" }, { "Inés", "ines" },
  { "Begoña", "begona" }, { "Nuria" }, { "Elena" }, { "Mónica", "monica" },
  { "Ángela", "angela" }, { "Raquel" }, { "Marta" }, { "Pilar" },
};
static const Word spanish_male[] = {
  { "José", "jose" }, { "Andrés", "andres" }, { "Raúl", "raul" }, { "Íñigo", "inigo" },
  { "Jesús", "jesus" }, { "Ramón", "ramon" }, { "Martín", "martin" }, { "Álvaro", "alvaro" },
  { "Sebastián", "sebastian" }, { "Joaquín", "joaquin" }, { "Óscar", "oscar" },
  { "Rubén", "ruben" },
};
static const Word spanish_family[] = {
  { "García", "garcia" }, { "Fernández", "fernandez" }, { "Martínez", "martinez" },
  { "López", "lopez" }, { "Sánchez", "sanchez" }, { "Pérez", "perez" }, { "Gómez", "gomez" },
  { "Díaz", "diaz" }, { "Muñoz", "munoz" }, { "Álvarez", "alvarez" }, { "Jiménez", "jimenez" },
  { "Rodríguez", "rodriguez" }, { "Hernández", "hernandez" }, { "Ruiz" }, { "Núñez", "nunez" },
  { "Ibáñez", "ibanez" }, { "Castaño", "castano" }, { "Peña", "pena" },
};

static const Word portuguese_female[] = {
  { "Inês", "ines" }, { "Conceição", "conceicao" }, { "Leonor" }, { "Beatriz" },
  { "Joana" }, { "Mariana" }, { "Luísa", "luisa" }, { "Sílvia", "silvia" },
};
static const Word portuguese_male[] = {
  { "João", "joao" }, { "Gonçalo", "goncalo" }, { "Sebastião", "sebastiao" },
  { "Tomás", "tomas" }, { "Rúben", "ruben" }, { "Vasco" }, { "Duarte" }, { "Simão", "simao" },
};
static const Word portuguese_family[] = {
  { "Gonçalves", "goncalves" }, { "Simões", "simoes" }, { "Magalhães", "magalhaes" },
  { "Araújo", "araujo" }, { "Lourenço", "lourenco" }, { "Brandão", "brandao" },
  { "Ferreira" }, { "Azevedo" }, { "Guimarães", "guimaraes" }, { "Sá", "sa" },
  { "Antunes" }, { "Falcão", "falcao" },
};

static const Word italian_female[] = {
  { "Giulia" }, { "Francesca" }, { "Chiara" }, { "Federica" }, { "Martina" },
  { "Ilaria" }, { "Beatrice" }, { "Alessia" }, { "Noemi" }, { "Elisa" },
};
static const Word italian_male[] = {
  { "Niccolò", "niccolo" }, { "Lorenzo" }, { "Matteo" }, { "Alessandro" }, { "Davide" },
  { "Nicolò", "nicolo" }, { "Gianluca" }, { "Tommaso" }, { "Riccardo" }, { "Andrea" },
};
static const Word italian_family[] = {
  { "Rossi" }, { "Esposito" }, { "Bianchi" }, { "Romano" }, { "Colombo" }, { "Ricci" },
  { "Marino" }, { "Greco" }, { "Bruno" }, { "Gallo" }, { "Conti" }, { "De Luca", "deluca" },
  { "Mancini" }, { "Fabbri" }, { "Santoro" }, { "Galli" },
};

static const Word german_female[] = {
  { "Käthe", "kaethe" }, { "Lena" }, { "Mia" }, { "Hanna" }, { "Sophie" }, { "Leonie" },
  { "Anja" }, { "Franziska" }, { "Jördis", "joerdis" }, { "Grete" }, { "Lotte" },
};
static const Word german_male[] = {
  { "Jürgen", "juergen" }, { "Jörg", "joerg" }, { "Lukas" }, { "Felix" },
  { "Maximilian" }, { "Paul" }, { "Tobias" }, { "Günther", "guenther" }, { "Matthias" },
  { "Jonas" }, { "Moritz" }, { "Sönke", "soenke" },
};
static const Word german_family[] = {
  { "Müller", "mueller" }, { "Schäfer", "schaefer" }, { "Schröder", "schroeder" },
  { "Köhler", "koehler" }, { "Weiß", "weiss" }, { "Groß", "gross" }, { "Fischer" },
  { "Wagner" }, { "Becker" }, { "Hoffmann" }, { "Krüger", "krueger" }, { "Schmidt" },
  { "Vogel" }, { "Böhm", "boehm" }, { "Lange" }, { "Hofmann" }, { "Jäger", "jaeger" },
  { "Wolf" },
};

static const Word polish_female[] = {
  { "Agnieszka" }, { "Małgorzata", "malgorzata" }, { "Katarzyna" }, { "Zofia" },
  { "Joanna" }, { "Magdalena" }, { "Ewa" }, { "Alicja" },
};
static const Word polish_male[] = {
  { "Łukasz", "lukasz" }, { "Michał", "michal" }, { "Paweł", "pawel" }, { "Wojciech" },
  { "Jędrzej", "jedrzej" }, { "Bartłomiej", "bartlomiej" }, { "Krzysztof" }, { "Piotr" },
};
static const Word polish_family[] = {
  { "Nowak" }, { "Wójcik", "wojcik" }, { "Kowalczyk" }, { "Mazur" }, { "Król", "krol" },
  { "Zając", "zajac" }, { "Wróbel", "wrobel" }, { "Wiśniewski", "wisniewski" },
  { "Lewandowski" }, { "Zieliński", "zielinski" }, { "Kamiński", "kaminski" },
  { "Dąbrowski", "dabrowski" },
};
static const Word polish_family_female[] = {
  { "Nowak" }, { "Wójcik", "wojcik" }, { "Kowalczyk" }, { "Mazur" }, { "Król", "krol" },
  { "Zając", "zajac" }, { "Wróbel", "wrobel" }, { "Wiśniewska", "wisniewska" },
  { "Lewandowska" }, { "Zielińska", "zielinska" }, { "Kamińska", "kaminska" },
  { "Dąbrowska", "dabrowska" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (polish_family) == G_N_ELEMENTS (polish_family_female));

static const Word nordic_female[] = {
  { "Åsa", "asa" }, { "Ingrid" }, { "Astrid" }, { "Elin" }, { "Freja" },
  { "Sigríður", "sigridur" }, { "Maja" }, { "Linnéa", "linnea" }, { "Sólveig", "solveig" },
};
static const Word nordic_male[] = {
  { "Søren", "soren" }, { "Björn", "bjorn" }, { "Øystein", "oystein" }, { "Mikael" },
  { "Magnús", "magnus" }, { "Kåre", "kare" }, { "Erik" }, { "Anders" }, { "Nils" },
};
static const Word nordic_family[] = {
  { "Andersson" }, { "Lindqvist" }, { "Jørgensen", "jorgensen" },
  { "Håkansson", "hakansson" }, { "Nyström", "nystrom" }, { "Sørensen", "sorensen" },
  { "Åberg", "aberg" }, { "Berg" }, { "Dahl" }, { "Holm" }, { "Lund" },
  { "Ødegaard", "odegaard" }, { "Virtanen" }, { "Järvinen", "jarvinen" },
};

static const Word turkish_female[] = {
  { "Ayşe", "ayse" }, { "Elif" }, { "Çağla", "cagla" }, { "Şule", "sule" },
  { "Özge", "ozge" }, { "Zeynep" }, { "Gülşen", "gulsen" }, { "Büşra", "busra" },
};
static const Word turkish_male[] = {
  { "Mehmet" }, { "Gökhan", "gokhan" }, { "İbrahim", "ibrahim" }, { "Emre" },
  { "Barış", "baris" }, { "Oğuz", "oguz" }, { "Serkan" }, { "Çağan", "cagan" },
};
static const Word turkish_family[] = {
  { "Yılmaz", "yilmaz" }, { "Kaya" }, { "Demir" }, { "Çelik", "celik" },
  { "Şahin", "sahin" }, { "Öztürk", "ozturk" }, { "Aydın", "aydin" }, { "Arslan" },
  { "Doğan", "dogan" }, { "Kılıç", "kilic" },
};

static const Word vietnamese_female[] = {
  { "Thị Hương", "huong" }, { "Thị Lan", "lan" }, { "Thanh Hằng", "hang" },
  { "Ngọc Ánh", "anh" }, { "Thu Trang", "trang" }, { "Bảo Ngọc", "ngoc" },
  { "Mai Anh", "maianh" }, { "Thùy Linh", "linh" },
};
static const Word vietnamese_male[] = {
  { "Văn Minh", "minh" }, { "Quốc Bảo", "bao" }, { "Đức Anh", "ducanh" },
  { "Minh Tuấn", "tuan" }, { "Bảo Long", "long" }, { "Thành Công", "cong" },
  { "Hữu Phúc", "phuc" }, { "Quang Huy", "huy" },
};
static const Word vietnamese_family[] = {
  { "Nguyễn", "nguyen" }, { "Trần", "tran" }, { "Lê", "le" }, { "Phạm", "pham" },
  { "Hoàng", "hoang" }, { "Huỳnh", "huynh" }, { "Phan" }, { "Vũ", "vu" },
  { "Đặng", "dang" }, { "Bùi", "bui" }, { "Đỗ", "do" }, { "Hồ", "ho" },
};

static const Word greek_female[] = {
  { "Μαρία", "maria" }, { "Ελένη", "eleni" }, { "Κατερίνα", "katerina" },
  { "Σοφία", "sofia" }, { "Αναστασία", "anastasia" }, { "Δέσποινα", "despoina" },
  { "Ειρήνη", "eirini" }, { "Χριστίνα", "christina" },
};
static const Word greek_male[] = {
  { "Γιώργος", "giorgos" }, { "Νίκος", "nikos" }, { "Δημήτρης", "dimitris" },
  { "Γιάννης", "giannis" }, { "Κώστας", "kostas" }, { "Παναγιώτης", "panagiotis" },
  { "Βασίλης", "vasilis" }, { "Θανάσης", "thanasis" },
};
static const Word greek_family[] = {
  { "Παπαδόπουλος", "papadopoulos" }, { "Παπαδάκης", "papadakis" },
  { "Γεωργίου", "georgiou" }, { "Οικονόμου", "oikonomou" }, { "Βλάχος", "vlachos" },
  { "Νικολάου", "nikolaou" }, { "Μαυρίδης", "mavridis" }, { "Καραγιάννης", "karagiannis" },
};
static const Word greek_family_female[] = {
  { "Παπαδοπούλου", "papadopoulou" }, { "Παπαδάκη", "papadaki" },
  { "Γεωργίου", "georgiou" }, { "Οικονόμου", "oikonomou" }, { "Βλάχου", "vlachou" },
  { "Νικολάου", "nikolaou" }, { "Μαυρίδου", "mavridou" }, { "Καραγιάννη", "karagianni" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (greek_family) == G_N_ELEMENTS (greek_family_female));

static const Word russian_female[] = {
  { "Анна", "anna" }, { "Мария", "maria" }, { "Екатерина", "ekaterina" },
  { "Ольга", "olga" }, { "Наталья", "natalya" }, { "Татьяна", "tatiana" },
  { "Ксения", "ksenia" }, { "Дарья", "darya" },
};
static const Word russian_male[] = {
  { "Дмитрий", "dmitry" }, { "Алексей", "alexey" }, { "Сергей", "sergey" },
  { "Иван", "ivan" }, { "Михаил", "mikhail" }, { "Андрей", "andrey" },
  { "Никита", "nikita" }, { "Павел", "pavel" },
};
static const Word russian_family[] = {
  { "Иванов", "ivanov" }, { "Смирнов", "smirnov" }, { "Волков", "volkov" },
  { "Попов", "popov" }, { "Соколов", "sokolov" }, { "Морозов", "morozov" },
  { "Лебедев", "lebedev" }, { "Новиков", "novikov" },
};
static const Word russian_family_female[] = {
  { "Иванова", "ivanova" }, { "Смирнова", "smirnova" }, { "Волкова", "volkova" },
  { "Попова", "popova" }, { "Соколова", "sokolova" }, { "Морозова", "morozova" },
  { "Лебедева", "lebedeva" }, { "Новикова", "novikova" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (russian_family) == G_N_ELEMENTS (russian_family_female));

static const Word ukrainian_female[] = {
  { "Олена", "olena" }, { "Оксана", "oksana" }, { "Ірина", "iryna" },
  { "Наталія", "nataliia" }, { "Юлія", "yuliia" }, { "Софія", "sofiia" },
  { "Ганна", "hanna" }, { "Тетяна", "tetiana" },
};
static const Word ukrainian_male[] = {
  { "Андрій", "andrii" }, { "Олександр", "oleksandr" }, { "Тарас", "taras" },
  { "Богдан", "bohdan" }, { "Микола", "mykola" }, { "Дмитро", "dmytro" },
  { "Юрій", "yurii" }, { "Василь", "vasyl" },
};
static const Word ukrainian_family[] = {
  { "Коваленко", "kovalenko" }, { "Шевченко", "shevchenko" },
  { "Бондаренко", "bondarenko" }, { "Ткаченко", "tkachenko" }, { "Мельник", "melnyk" },
  { "Кравчук", "kravchuk" }, { "Бойко", "boiko" }, { "Савчук", "savchuk" },
};

static const Word arabic_female[] = {
  { "فاطمة", "fatima" }, { "ليلى", "layla" }, { "مريم", "maryam" }, { "نور", "nour" },
  { "سارة", "sara" }, { "ياسمين", "yasmin" }, { "هدى", "huda" }, { "رنا", "rana" },
};
static const Word arabic_male[] = {
  { "محمد", "mohamed" }, { "أحمد", "ahmed" }, { "عمر", "omar" }, { "يوسف", "youssef" },
  { "خالد", "khaled" }, { "كريم", "karim" }, { "سامي", "sami" }, { "طارق", "tarek" },
};
static const Word arabic_family[] = {
  { "حداد", "haddad" }, { "الخوري", "khoury" }, { "منصور", "mansour" },
  { "السيد", "elsayed" }, { "عبد الله", "abdallah" }, { "الحسيني", "husseini" },
  { "شحادة", "shehadeh" }, { "بكري", "bakri" },
};

static const Word hebrew_female[] = {
  { "נועה", "noa" }, { "מיכל", "michal" }, { "תמר", "tamar" }, { "שירה", "shira" },
  { "יעל", "yael" }, { "מאיה", "maya" },
};
static const Word hebrew_male[] = {
  { "דוד", "david" }, { "יונתן", "yonatan" }, { "איתי", "itai" }, { "אורי", "uri" },
  { "נדב", "nadav" }, { "עומר", "omer" },
};
static const Word hebrew_family[] = {
  { "כהן", "cohen" }, { "לוי", "levi" }, { "מזרחי", "mizrahi" }, { "פרץ", "peretz" },
  { "ביטון", "biton" }, { "אברהם", "avraham" }, { "פרידמן", "friedman" },
  { "שפירא", "shapira" },
};

static const Word hindi_female[] = {
  { "प्रिया", "priya" }, { "अनन्या", "ananya" }, { "दीपिका", "deepika" },
  { "कविता", "kavita" }, { "नेहा", "neha" }, { "पूजा", "pooja" },
};
static const Word hindi_male[] = {
  { "राहुल", "rahul" }, { "अर्जुन", "arjun" }, { "विक्रम", "vikram" },
  { "अमित", "amit" }, { "राज", "raj" }, { "संजय", "sanjay" },
};
static const Word hindi_family[] = {
  { "शर्मा", "sharma" }, { "पटेल", "patel" }, { "वर्मा", "verma" }, { "गुप्ता", "gupta" },
  { "सिंह", "singh" }, { "जोशी", "joshi" }, { "मेहता", "mehta" }, { "राव", "rao" },
};

static const Word chinese_female[] = {
  { "芳", "fang" }, { "静", "jing" }, { "丽娟", "lijuan" }, { "敏", "min" },
  { "婷婷", "tingting" }, { "雪", "xue" }, { "晓燕", "xiaoyan" }, { "欣怡", "xinyi" },
};
static const Word chinese_male[] = {
  { "伟", "wei" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" },
  { "浩然", "haoran" }, { "杰", "jie" }, { "子轩", "zixuan" }, { "建国", "jianguo" },
};
static const Word chinese_family[] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "黄", "huang" }, { "赵", "zhao" }, { "周", "zhou" }, { "吴", "wu" },
};

static const Word japanese_female[] = {
  { "花子", "hanako" }, { "愛子", "aiko" }, { "さくら", "sakura" }, { "美咲", "misaki" },
  { "ゆい", "yui" }, { "陽菜", "hina" }, { "エミ", "emi" }, { "結衣", "yui" },
};
static const Word japanese_male[] = {
  { "翔太", "shota" }, { "健太", "kenta" }, { "大輔", "daisuke" }, { "拓海", "takumi" },
  { "蓮", "ren" }, { "悠斗", "yuto" }, { "ケン", "ken" }, { "陸", "riku" },
};
static const Word japanese_family[] = {
  { "佐藤", "sato" }, { "鈴木", "suzuki" }, { "高橋", "takahashi" }, { "田中", "tanaka" },
  { "渡辺", "watanabe" }, { "伊藤", "ito" }, { "山本", "yamamoto" }, { "中村", "nakamura" },
};

static const Word korean_female[] = {
  { "서연", "seoyeon" }, { "지우", "jiwoo" }, { "민서", "minseo" }, { "하은", "haeun" },
  { "수아", "sua" }, { "지민", "jimin" },
};
static const Word korean_male[] = {
  { "민준", "minjun" }, { "서준", "seojun" }, { "도윤", "doyun" }, { "예준", "yejun" },
  { "시우", "siwoo" }, { "하준", "hajun" },
};
static const Word korean_family[] = {
  { "김", "kim" }, { "이", "lee" }, { "박", "park" }, { "최", "choi" }, { "정", "jung" },
  { "강", "kang" }, { "조", "cho" }, { "윤", "yoon" },
};

#define CULTURE(w, order, prefix, female_family) \
  { w, order, WORDS (prefix##_female), WORDS (prefix##_male), \
    prefix##_family, female_family, G_N_ELEMENTS (prefix##_family) }

/* A café in a mixed city: mostly Latin script, a fifth from elsewhere. */
static const Culture cultures[] = {
  CULTURE (14, ORDER_GIVEN_FIRST, english, NULL),
  CULTURE (14, ORDER_GIVEN_FIRST, french, NULL),
  CULTURE (12, ORDER_GIVEN_FIRST, spanish, NULL),
  CULTURE (6, ORDER_GIVEN_FIRST, portuguese, NULL),
  CULTURE (10, ORDER_GIVEN_FIRST, italian, NULL),
  CULTURE (10, ORDER_GIVEN_FIRST, german, NULL),
  CULTURE (5, ORDER_GIVEN_FIRST, polish, polish_family_female),
  CULTURE (5, ORDER_GIVEN_FIRST, nordic, NULL),
  CULTURE (3, ORDER_GIVEN_FIRST, turkish, NULL),
  CULTURE (3, ORDER_FAMILY_FIRST, vietnamese, NULL),
  CULTURE (3, ORDER_GIVEN_FIRST, greek, greek_family_female),
  CULTURE (2, ORDER_GIVEN_FIRST, russian, russian_family_female),
  CULTURE (2, ORDER_GIVEN_FIRST, ukrainian, NULL),
  CULTURE (3, ORDER_GIVEN_FIRST, arabic, NULL),
  CULTURE (2, ORDER_GIVEN_FIRST, hebrew, NULL),
  CULTURE (2, ORDER_GIVEN_FIRST, hindi, NULL),
  CULTURE (2, ORDER_FAMILY_FIRST_JOINED, chinese, NULL),
  CULTURE (1, ORDER_FAMILY_FIRST_JOINED, japanese, NULL),
  CULTURE (1, ORDER_FAMILY_FIRST_JOINED, korean, NULL),
};

/* Local businesses that follow or are followed by the café. */
typedef enum {
  BUSINESS_PEER,
  BUSINESS_NEIGHBOUR,
  BUSINESS_SUPPLIER,
} BusinessRole;

typedef struct {
  const char *name;
  const char *user;
  BusinessRole role;
} Business;

static const Business businesses[] = {
  { "Café Lumière", "cafelumiere", BUSINESS_PEER },
  { "Boulangerie Lefèvre", "boulangerielefevre", BUSINESS_PEER },
  { "Bäckerei Vogel", "baeckereivogel", BUSINESS_PEER },
  { "Pâtisserie Émilie", "patisserieemilie", BUSINESS_PEER },
  { "Sourdough Society", "sourdoughsociety", BUSINESS_PEER },
  { "The Copper Kettle", "thecopperkettle", BUSINESS_PEER },
  { "Άρτος Bakery", "artosbakery", BUSINESS_PEER },
  { "Dolce Vita Gelateria", "dolcevitagelato", BUSINESS_PEER },
  { "Bánh Mì Saigon", "banhmisaigon", BUSINESS_PEER },
  { "Ramen Kōbō", "ramenkobo", BUSINESS_PEER },
  { "Chai Wala", "chaiwalacafe", BUSINESS_PEER },
  { "Brasserie du Pont", "brasseriedupont", BUSINESS_PEER },
  { "Farmers’ Market Collective", "farmersmarketco", BUSINESS_NEIGHBOUR },
  { "Blumen Krüger", "blumenkrueger", BUSINESS_NEIGHBOUR },
  { "Church Street Bookshop", "churchstbooks", BUSINESS_NEIGHBOUR },
  { "Riverside Yoga", "riversideyoga", BUSINESS_NEIGHBOUR },
  { "Atelier Céramique Roux", "atelierceramiqueroux", BUSINESS_NEIGHBOUR },
  { "Çiçek Florist", "cicekflorist", BUSINESS_NEIGHBOUR },
  { "City Food Bank", "cityfoodbank", BUSINESS_NEIGHBOUR },
  { "Mercado São Bento", "mercadosaobento", BUSINESS_NEIGHBOUR },
  { "Green Grocer Co-op", "greengrocercoop", BUSINESS_SUPPLIER },
  { "Kowalczyk Orchards", "kowalczykorchards", BUSINESS_SUPPLIER },
  { "Ölmühle Hofmann", "oelmuehlehofmann", BUSINESS_SUPPLIER },
  { "Honey & Hive Apiary", "honeyandhive", BUSINESS_SUPPLIER },
  { "Smørrebrød Hus", "smorrebrodhus", BUSINESS_PEER },
  { "La Tienda de Nuria", "latiendadenuria", BUSINESS_NEIGHBOUR },
  { "Tea House 茶屋", "chayateahouse", BUSINESS_PEER },
  { "Molino Castaño", "molinocastano", BUSINESS_SUPPLIER },
};

/* Relationships, each written to land in one quadrant. */
typedef enum {
  PROFILE_SOLID,        /* talks both ways, recently */
  PROFILE_YOU_INVEST,   /* Rosa reaches out, little comes back */
  PROFILE_THEY_INVEST,  /* they engage, Rosa does not answer */
  PROFILE_WEAK,         /* a like or two, months ago */
  PROFILE_FADED,        /* talked, but more than a year ago */
  PROFILE_SILENT,       /* never a word */
  N_PROFILES
} Profile;

/* The owner's accounts, one per kind of source. */
typedef struct {
  const char *account;
  const char *title;
  guint share;           /* of every 400 connections */
  guint span_days;       /* how far back connections go; 0: the export has no dates */
} SourceSpec;

static const SourceSpec source_specs[TEND_N_SOURCE_KINDS] = {
  [TEND_SOURCE_KIND_MASTODON]        = { "@rosa@mastodon.social", "@rosa@mastodon.social", 45, 3 * 365 },
  [TEND_SOURCE_KIND_BLUESKY]         = { "rosa-bakes.bsky.social", "@rosa-bakes.bsky.social", 35, 2 * 365 },
  [TEND_SOURCE_KIND_FACEBOOK]        = { "Rosa Martins", "Rosa Martins", 90, 14 * 365 },
  [TEND_SOURCE_KIND_INSTAGRAM]       = { "rosasbakery", "@rosasbakery", 80, 9 * 365 },
  [TEND_SOURCE_KIND_LINKEDIN]        = { "Rosa Martins", "Rosa Martins", 70, 15 * 365 },
  [TEND_SOURCE_KIND_X]               = { "RosasBakery", "@RosasBakery", 30, 13 * 365 },
  [TEND_SOURCE_KIND_MASTODON_CSV]    = { "@rosa_bakes@mstdn.social", "@rosa_bakes@mstdn.social (old account)", 15, 0 },
  [TEND_SOURCE_KIND_GOOGLE_CONTACTS] = { "rosas.bakery@gmail.com", "rosas.bakery@gmail.com", 20, 10 * 365 },
  [TEND_SOURCE_KIND_VCARD]           = { "Phone contacts.vcf", "Phone address book", 15, 12 * 365 },
};

#define SOURCE_SHARE_TOTAL 400

/* What each source can tell about interactions, as relative weights of
 * message, reply, mention, quote, repost and like. Address books and a
 * list of follows carry none. */
static const guint8 source_interactions[TEND_N_SOURCE_KINDS][TEND_N_INTERACTION_KINDS] = {
  [TEND_SOURCE_KIND_MASTODON]        = { 1, 4, 3, 0, 3, 6 },
  [TEND_SOURCE_KIND_BLUESKY]         = { 0, 4, 2, 2, 3, 7 },
  [TEND_SOURCE_KIND_FACEBOOK]        = { 1, 0, 0, 0, 0, 0 },
  [TEND_SOURCE_KIND_INSTAGRAM]       = { 2, 3, 2, 0, 0, 7 },
  [TEND_SOURCE_KIND_LINKEDIN]        = { 1, 0, 0, 0, 0, 0 },
  [TEND_SOURCE_KIND_X]               = { 1, 3, 2, 2, 3, 6 },
  [TEND_SOURCE_KIND_MASTODON_CSV]    = { 0 },
  [TEND_SOURCE_KIND_GOOGLE_CONTACTS] = { 0 },
  [TEND_SOURCE_KIND_VCARD]           = { 0 },
};

static const char * const mastodon_servers[] = {
  "mastodon.social", "mastodon.social", "mastodon.social", "mastodon.online",
  "mstdn.social", "mas.to", "chaos.social", "fosstodon.org", "social.coop",
  "piaille.fr", "mastodon.green", "norden.social", "mastodon.ie", "toot.cafe",
};

static const char * const bluesky_domains[] = {
  "net", "com", "fr", "de", "es", "dev", "art",
};

static const char * const email_domains[] = {
  "gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com",
  "proton.me", "posteo.de", "gmx.de", "web.de", "orange.fr", "free.fr", "libero.it",
  "hotmail.com", "wp.pl", "sapo.pt",
};

static const char * const username_hobbies[] = {
  "cooks", "eats", "draws", "runs", "knits", "photo", "travels", "reads", "bakes",
};

static const char * const name_emoji[] = {
  "🥐", "🌻", "☕", "🌿", "✨", "🍰", "📷", "🎨", "🌈", "🐝",
};

static const char * const address_book_roles[] = {
  "plumber", "flour delivery", "market", "landlord", "electrician", "school",
  "oven repair", "insurance",
};

/* The cast: people whose story the sample tells. */
typedef struct {
  const char *name;
  const char *given_ascii;
  const char *family_ascii;
  const char *tags[3];
  TendDecision decision;
  const char *note;
} CastPerson;

enum {
  LUCIA, TOMAS, CARMEN, INES, ZOE, EMILE, LUKASZ, AIKO, PRIYA, HELENE, GIORGOS,
  BJORN, HUONG, FATIMA, MARTA, NOA, JOSE, OLENA, SVEN, CHLOE, MINJUN, WANG_FANG,
  MARIA_INSTAGRAM, MARIA_HOTEL, ANNA_CLASS, ANNA_OTHER, JEAN_PIERRE, SIOBHAN,
  DMITRI, AYSE, AHMED, SOREN, SAKURA, LENA, MARC, RAJ, CHEN_WEI,
  N_CAST
};

G_STATIC_ASSERT (N_CAST <= 64);

static const CastPerson cast[N_CAST] = {
  [LUCIA] = { "Lucía Martins", "lucia", "martins", { "Family" },
              TEND_DECISION_KEEP, "My sister. Sunday lunch, always." },
  [TOMAS] = { "Tomás Martins", "tomas", "martins", { "Family" } },
  [CARMEN] = { "Carmen Ortega", "carmen", "ortega", { "Family" } },
  [INES] = { "Ines Müller", "ines", "mueller", { "Family" } },
  [ZOE] = { "Zoë Laurent", "zoe", "laurent", { "Friend" },
            TEND_DECISION_KEEP, "Best friend since school; helps out on busy Saturdays." },
  [EMILE] = { "Émile Girard", "emile", "girard", { "Friend" } },
  [LUKASZ] = { "Łukasz Nowak", "lukasz", "nowak", { "Friend" } },
  [AIKO] = { "田中愛子", "aiko", "tanaka", { "Friend" } },
  [PRIYA] = { "प्रिया शर्मा", "priya", "sharma", { "Friend" } },
  [HELENE] = { "Hélène Dupré", "helene", "dupre", { "Supplier", "Wholesale" },
               TEND_DECISION_KEEP, "Moulin Dupré: our flour since day one." },
  [GIORGOS] = { "Γιώργος Παπαδόπουλος", "giorgos", "papadopoulos", { "Supplier" } },
  [BJORN] = { "Björn Andersson", "bjorn", "andersson", { "Supplier" } },
  [HUONG] = { "Nguyễn Thị Hương", "huong", "nguyen", { "Supplier", "Wholesale" } },
  [FATIMA] = { "فاطمة حداد", "fatima", "haddad", { "Supplier" } },
  [MARTA] = { "Marta Kowalczyk", "marta", "kowalczyk", { "Partner", "Market stall" },
              TEND_DECISION_KEEP, "Runs the Saturday market; stall renewal every March." },
  [NOA] = { "נועה כהן", "noa", "cohen", { "Partner" },
            TEND_DECISION_KEEP, "Florist next door; we share the Valentine’s window." },
  [JOSE] = { "José Álvarez", "jose", "alvarez", { "Partner" } },
  [OLENA] = { "Олена Коваленко", "olena", "kovalenko", { "Partner", "Catering" } },
  [SVEN] = { "Sven Lindqvist", "sven", "lindqvist", { "Peer" } },
  [CHLOE] = { "Chloé Martin", "chloe", "martin", { "Peer" } },
  [MINJUN] = { "김민준", "minjun", "kim", { "Peer" } },
  [WANG_FANG] = { "王芳", "fang", "wang", { "Peer" } },
  [MARIA_INSTAGRAM] = { "María García", "maria", "garcia", { "Customer" } },
  [MARIA_HOTEL] = { "María García", "maria", "garcia", { "Customer", "Wholesale" } },
  [ANNA_CLASS] = { "Anna Schmidt", "anna", "schmidt", { "Customer", "Sourdough class" } },
  [ANNA_OTHER] = { "Anna Schmidt", "anna", "schmidt", { NULL },
                   TEND_DECISION_PRUNE, "Not the Anna from the sourdough class; we never met." },
  [JEAN_PIERRE] = { "Jean-Pierre Roux", "jeanpierre", "roux", { "Customer", "Market stall" } },
  [SIOBHAN] = { "Siobhán O’Connor", "siobhan", "oconnor", { "Customer", "Catering" } },
  [DMITRI] = { "Дмитрий Волков", "dmitry", "volkov", { "Customer" } },
  [AYSE] = { "Ayşe Yılmaz", "ayse", "yilmaz", { "Customer" } },
  [AHMED] = { "أحمد السيد", "ahmed", "elsayed", { "Customer", "Catering" } },
  [SOREN] = { "Søren Holm", "soren", "holm", { "Customer" } },
  [SAKURA] = { "佐藤さくら", "sakura", "sato", { "Customer" } },
  [LENA] = { "Lena Vogel", "lena", "vogel", { NULL },
             TEND_DECISION_PRUNE, "Never answers. Stop chasing." },
  [MARC] = { "Marc Dubois", "marc", "dubois", { NULL },
             TEND_DECISION_PRUNE, "Old office job; no contact since I left." },
  [RAJ] = { "Raj Patel", "raj", "patel", { "Partner" } },
  [CHEN_WEI] = { "陈伟", "wei", "chen", { "Supplier" } },
};

typedef struct {
  guint8 person;
  guint8 kind;
  guint8 follow_state;
  guint8 profile;
  guint16 natural;
} CastAppearance;

#define F_MUTUAL TEND_FOLLOW_STATE_MUTUAL
#define F_I_FOLLOW TEND_FOLLOW_STATE_I_FOLLOW
#define F_FOLLOWS_ME TEND_FOLLOW_STATE_FOLLOWS_ME
#define F_FRIENDS TEND_FOLLOW_STATE_FRIENDS
#define F_CONTACT TEND_FOLLOW_STATE_CONTACT

/* Messages are concentrated here, on the strongest relationships. */
static const CastAppearance appearances[] = {
  { LUCIA, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_SOLID, 90 },
  { LUCIA, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_SOLID, 40 },
  { LUCIA, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { LUCIA, TEND_SOURCE_KIND_VCARD, F_CONTACT, PROFILE_SILENT, 0 },
  { TOMAS, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_SOLID, 50 },
  { TOMAS, TEND_SOURCE_KIND_VCARD, F_CONTACT, PROFILE_SILENT, 0 },
  { CARMEN, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_THEY_INVEST, 14 },
  { CARMEN, TEND_SOURCE_KIND_VCARD, F_CONTACT, PROFILE_SILENT, 0 },
  { INES, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_YOU_INVEST, 8 },
  { INES, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_WEAK, 2 },
  { ZOE, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_SOLID, 60 },
  { ZOE, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_SOLID, 45 },
  { ZOE, TEND_SOURCE_KIND_VCARD, F_CONTACT, PROFILE_SILENT, 0 },
  { EMILE, TEND_SOURCE_KIND_MASTODON, F_MUTUAL, PROFILE_SOLID, 35 },
  { EMILE, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_YOU_INVEST, 6 },
  { LUKASZ, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_SOLID, 30 },
  { LUKASZ, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { AIKO, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_SOLID, 25 },
  { PRIYA, TEND_SOURCE_KIND_BLUESKY, F_MUTUAL, PROFILE_SOLID, 28 },
  { PRIYA, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_THEY_INVEST, 10 },
  { HELENE, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_SOLID, 30 },
  { HELENE, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_SOLID, 20 },
  { HELENE, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { GIORGOS, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_SOLID, 24 },
  { GIORGOS, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { BJORN, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_YOU_INVEST, 10 },
  { BJORN, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { HUONG, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_SOLID, 30 },
  { HUONG, TEND_SOURCE_KIND_BLUESKY, F_MUTUAL, PROFILE_SOLID, 18 },
  { FATIMA, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { FATIMA, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_THEY_INVEST, 12 },
  { MARTA, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_SOLID, 35 },
  { MARTA, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_SOLID, 22 },
  { NOA, TEND_SOURCE_KIND_INSTAGRAM, F_MUTUAL, PROFILE_SOLID, 40 },
  { NOA, TEND_SOURCE_KIND_VCARD, F_CONTACT, PROFILE_SILENT, 0 },
  { JOSE, TEND_SOURCE_KIND_MASTODON, F_MUTUAL, PROFILE_SOLID, 26 },
  { JOSE, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_SOLID, 15 },
  { OLENA, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_SOLID, 24 },
  { OLENA, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_THEY_INVEST, 10 },
  { SVEN, TEND_SOURCE_KIND_MASTODON, F_MUTUAL, PROFILE_YOU_INVEST, 12 },
  { SVEN, TEND_SOURCE_KIND_BLUESKY, F_I_FOLLOW, PROFILE_YOU_INVEST, 8 },
  { CHLOE, TEND_SOURCE_KIND_INSTAGRAM, F_I_FOLLOW, PROFILE_YOU_INVEST, 14 },
  { CHLOE, TEND_SOURCE_KIND_X, F_I_FOLLOW, PROFILE_YOU_INVEST, 6 },
  { MINJUN, TEND_SOURCE_KIND_INSTAGRAM, F_I_FOLLOW, PROFILE_YOU_INVEST, 9 },
  { WANG_FANG, TEND_SOURCE_KIND_BLUESKY, F_MUTUAL, PROFILE_SOLID, 20 },
  { MARIA_INSTAGRAM, TEND_SOURCE_KIND_INSTAGRAM, F_FOLLOWS_ME, PROFILE_THEY_INVEST, 16 },
  { MARIA_HOTEL, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_SOLID, 22 },
  { MARIA_HOTEL, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { ANNA_CLASS, TEND_SOURCE_KIND_INSTAGRAM, F_FOLLOWS_ME, PROFILE_THEY_INVEST, 11 },
  /* Two Anna Schmidts among the Facebook friends: names only, told
   * apart by nothing but the date they became friends. */
  { ANNA_CLASS, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_THEY_INVEST, 6 },
  { ANNA_OTHER, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_FADED, 4 },
  { JEAN_PIERRE, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_THEY_INVEST, 10 },
  { JEAN_PIERRE, TEND_SOURCE_KIND_X, F_FOLLOWS_ME, PROFILE_WEAK, 1 },
  { SIOBHAN, TEND_SOURCE_KIND_FACEBOOK, F_FRIENDS, PROFILE_SOLID, 18 },
  { SIOBHAN, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { DMITRI, TEND_SOURCE_KIND_X, F_MUTUAL, PROFILE_THEY_INVEST, 12 },
  { AYSE, TEND_SOURCE_KIND_INSTAGRAM, F_FOLLOWS_ME, PROFILE_SOLID, 16 },
  { AHMED, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_THEY_INVEST, 9 },
  { SOREN, TEND_SOURCE_KIND_MASTODON, F_FOLLOWS_ME, PROFILE_THEY_INVEST, 12 },
  { SAKURA, TEND_SOURCE_KIND_INSTAGRAM, F_FOLLOWS_ME, PROFILE_THEY_INVEST, 10 },
  { LENA, TEND_SOURCE_KIND_X, F_I_FOLLOW, PROFILE_YOU_INVEST, 10 },
  { LENA, TEND_SOURCE_KIND_INSTAGRAM, F_I_FOLLOW, PROFILE_YOU_INVEST, 8 },
  { MARC, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_FADED, 5 },
  { RAJ, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_SOLID, 12 },
  { RAJ, TEND_SOURCE_KIND_GOOGLE_CONTACTS, F_CONTACT, PROFILE_SILENT, 0 },
  { CHEN_WEI, TEND_SOURCE_KIND_LINKEDIN, F_FRIENDS, PROFILE_YOU_INVEST, 7 },
};

/* Percentages of the crowd in each profile; the rest stay silent. */
typedef struct {
  guint8 percent[PROFILE_SILENT];
} ProfileOdds;

static const ProfileOdds odds_friends_facebook = { { 7, 12, 6, 8, 22 } };
static const ProfileOdds odds_friends_linkedin = { { 4, 16, 10, 4, 18 } };
static const ProfileOdds odds_follows_me = { { 3, 3, 18, 22, 10 } };
static const ProfileOdds odds_mutual = { { 16, 24, 12, 15, 10 } };
static const ProfileOdds odds_i_follow = { { 2, 48, 1, 15, 10 } };

static const char * const prune_notes[] = {
  "Never met; followed after the Christmas market.",
  "Bought one cake in 2019.",
  "Looks like a spam account.",
  "Old school friend, lost touch.",
  "Only ever sends promotions.",
  "Followed for a giveaway.",
  NULL, NULL, NULL,
};

static const char * const chase_notes[] = {
  "Always me reaching out.",
  "Never answers.",
  NULL,
};

static const char * const keep_notes[] = {
  "Regular every Saturday morning.",
  "Always shares our posts.",
  "Orders a birthday cake every year.",
  "Helped with the shop renovation.",
  "Great ideas for the menu.",
  NULL,
};

/* One connection, as the second pass needs it to write its history. */
typedef struct {
  gint64 id;
  gint64 connected_since;
  guint32 natural;
  guint8 kind;
  guint8 profile;
} PlanEntry;

typedef struct {
  TendStore *store;
  GCancellable *cancellable;
  guint64 seed;
  gint64 now;

  guint64 rows;

  /* handles and stable keys taken in the current source */
  GHashTable *taken;
  GStringChunk *taken_chunk;

  /* one entry per connection written, in order */
  PlanEntry *plan;
  guint n_plan;
  guint plan_size;
  guint64 total_natural;

  /* cast members whose decision is written, one bit each */
  guint64 cast_decided;
} Generator;

/* Someone about to be written, with the spellings a user name needs. */
typedef struct {
  char name[160];
  char given_ascii[48];
  char family_ascii[48];
  gboolean family_first;       /* the name does not start with a given name */
  const char *business_user;   /* a business's own user name, or NULL */
} Person;

typedef struct {
  char name[192];
  char handle[128];
  char profile_url[256];
  char stable_key[256];
  gboolean has_handle;
  gboolean has_profile_url;
} Identity;

void
tend_sample_options_init_default (TendSampleOptions *options)
{
  g_return_if_fail (options != NULL);

  options->seed = 1;
  options->n_connections = DEFAULT_N_CONNECTIONS;
  options->n_interactions = 0;
  options->now = g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
tick (Generator  *gen,
      GError    **error)
{
  gen->rows++;
  if (gen->rows % CANCEL_CHECK_INTERVAL == 0)
    return !g_cancellable_set_error_if_cancelled (gen->cancellable, error);
  return TRUE;
}

/* Store calls report their own errors; this only covers a missing one. */
static gboolean
ensure_error (GError **error)
{
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, TEND_STORE_ERROR, TEND_STORE_ERROR_FAILED,
                         _("The sample data could not be written. Try again with a fresh profile."));
  return FALSE;
}

/* Lowercase letters and digits only: what every network accepts. */
static void
word_to_ascii (const Word *word,
               char       *out,
               gsize       out_size)
{
  const char *from = word->ascii != NULL ? word->ascii : word->name;
  gsize n = 0;

  for (const char *p = from; *p != '\0' && n + 1 < out_size; p++)
    {
      if (g_ascii_isalnum (*p))
        out[n++] = g_ascii_tolower (*p);
    }
  out[n] = '\0';
}

static const Culture *
pick_culture (Rng *rng)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < G_N_ELEMENTS (cultures); i++)
    total += cultures[i].weight;

  pick = rng_below (rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (cultures); i++)
    {
      if (pick < cultures[i].weight)
        return &cultures[i];
      pick -= cultures[i].weight;
    }

  return &cultures[0];
}

static void
person_from_crowd (Rng    *rng,
                   Person *person)
{
  const Culture *culture = pick_culture (rng);
  const Word *given;
  const Word *family;
  gboolean female = rng_chance (rng, 0.5);
  guint family_index;

  if (female)
    given = &culture->female[rng_below (rng, culture->n_female)];
  else
    given = &culture->male[rng_below (rng, culture->n_male)];

  family_index = rng_below (rng, culture->n_family);
  if (female && culture->family_female != NULL)
    family = &culture->family_female[family_index];
  else
    family = &culture->family[family_index];

  switch (culture->order)
    {
    case ORDER_GIVEN_FIRST:
      g_snprintf (person->name, sizeof person->name, "%s %s", given->name, family->name);
      break;
    case ORDER_FAMILY_FIRST:
      g_snprintf (person->name, sizeof person->name, "%s %s", family->name, given->name);
      break;
    case ORDER_FAMILY_FIRST_JOINED:
    default:
      g_snprintf (person->name, sizeof person->name, "%s%s", family->name, given->name);
      break;
    }

  word_to_ascii (given, person->given_ascii, sizeof person->given_ascii);
  word_to_ascii (family, person->family_ascii, sizeof person->family_ascii);
  person->family_first = culture->order != ORDER_GIVEN_FIRST;
  person->business_user = NULL;
}

static void
person_from_cast (const CastPerson *member,
                  Person           *person)
{
  g_strlcpy (person->name, member->name, sizeof person->name);
  g_strlcpy (person->given_ascii, member->given_ascii, sizeof person->given_ascii);
  g_strlcpy (person->family_ascii, member->family_ascii, sizeof person->family_ascii);
  person->family_first = FALSE;
  person->business_user = NULL;
}

static void
person_from_business (const Business *business,
                      Person         *person)
{
  g_strlcpy (person->name, business->name, sizeof person->name);
  g_strlcpy (person->given_ascii, business->user, sizeof person->given_ascii);
  person->family_ascii[0] = '\0';
  person->family_first = FALSE;
  person->business_user = business->user;
}

/* How people write themselves on social networks: mostly their name,
 * sometimes a first name and an emoji, sometimes an initial. */
static void
display_name (Rng            *rng,
              TendSourceKind  kind,
              const Person   *person,
              gboolean        from_cast,
              char           *out,
              gsize           out_size)
{
  double roll = rng_double (rng);
  const char *space;

  g_strlcpy (out, person->name, out_size);
  if (from_cast || person->business_user != NULL || person->family_first)
    return;

  space = strchr (person->name, ' ');

  switch (kind)
    {
    case TEND_SOURCE_KIND_MASTODON:
    case TEND_SOURCE_KIND_BLUESKY:
    case TEND_SOURCE_KIND_INSTAGRAM:
    case TEND_SOURCE_KIND_X:
    case TEND_SOURCE_KIND_MASTODON_CSV:
      if (space != NULL && roll < 0.06)
        g_snprintf (out, out_size, "%.*s %s", (int) (space - person->name), person->name,
                    RNG_PICK (rng, name_emoji));
      else if (space != NULL && roll < 0.10)
        {
          gunichar initial = g_utf8_get_char (space + 1);
          char initial_utf8[8] = { 0 };

          g_unichar_to_utf8 (initial, initial_utf8);
          g_snprintf (out, out_size, "%.*s %s.", (int) (space - person->name), person->name,
                      initial_utf8);
        }
      break;

    case TEND_SOURCE_KIND_LINKEDIN:
      if (roll < 0.03)
        g_snprintf (out, out_size, "%s, MBA", person->name);
      break;

    case TEND_SOURCE_KIND_GOOGLE_CONTACTS:
    case TEND_SOURCE_KIND_VCARD:
      if (space != NULL && roll < 0.08)
        g_snprintf (out, out_size, "%.*s (%s)", (int) (space - person->name), person->name,
                    RNG_PICK (rng, address_book_roles));
      break;

    case TEND_SOURCE_KIND_FACEBOOK:
    default:
      break;
    }
}

typedef enum {
  USER_PLAIN,        /* leamartin */
  USER_SEPARATED,    /* lea.martin, lea_martin, lea-martin */
  USER_INITIAL,      /* lmartin */
  USER_GIVEN_YEAR,   /* lea84 */
  USER_HOBBY,        /* leabakes */
  USER_CAPITALISED,  /* LeaMartin */
} UserStyle;

/* A user name from a person's ASCII spellings, cut to @max_len, with a
 * number appended only when @suffix is above 1 (the name was taken). */
static void
build_user (const Person *person,
            UserStyle     style,
            char          separator,
            guint         number,
            const char   *hobby,
            guint         suffix,
            gsize         max_len,
            char         *out,
            gsize         out_size)
{
  char base[128];
  char tail[16] = "";
  gsize base_len;
  gsize room;

  if (person->business_user != NULL || person->family_ascii[0] == '\0')
    style = USER_PLAIN;

  switch (style)
    {
    case USER_SEPARATED:
      g_snprintf (base, sizeof base, "%s%c%s", person->given_ascii, separator, person->family_ascii);
      break;
    case USER_INITIAL:
      g_snprintf (base, sizeof base, "%c%s", person->given_ascii[0], person->family_ascii);
      break;
    case USER_GIVEN_YEAR:
      g_snprintf (base, sizeof base, "%s%02u", person->given_ascii, number % 100);
      break;
    case USER_HOBBY:
      g_snprintf (base, sizeof base, "%s%s", person->given_ascii, hobby);
      break;
    case USER_CAPITALISED:
      g_snprintf (base, sizeof base, "%c%s%c%s",
                  g_ascii_toupper (person->given_ascii[0]), person->given_ascii + 1,
                  g_ascii_toupper (person->family_ascii[0]), person->family_ascii + 1);
      break;
    case USER_PLAIN:
    default:
      g_snprintf (base, sizeof base, "%s%s", person->given_ascii, person->family_ascii);
      break;
    }

  if (suffix > 1)
    g_snprintf (tail, sizeof tail, "%u", suffix);

  base_len = strlen (base);
  room = max_len > strlen (tail) ? max_len - strlen (tail) : 1;
  if (base_len > room)
    base[room] = '\0';

  g_snprintf (out, out_size, "%s%s", base, tail);
}

static gboolean
is_taken (Generator  *gen,
          char        space,
          const char *value)
{
  char key[320];

  g_snprintf (key, sizeof key, "%c%s", space, value);
  return g_hash_table_contains (gen->taken, key);
}

static void
take (Generator  *gen,
      char        space,
      const char *value)
{
  char key[320];

  g_snprintf (key, sizeof key, "%c%s", space, value);
  g_hash_table_add (gen->taken, g_string_chunk_insert (gen->taken_chunk, key));
}

static void
random_alnum (Rng        *rng,
              const char *alphabet,
              guint       length,
              char       *out)
{
  gsize n_letters = strlen (alphabet);

  for (guint i = 0; i < length; i++)
    out[i] = alphabet[rng_below (rng, n_letters)];
  out[length] = '\0';
}

static void
format_uuid (Rng  *rng,
             char *out,
             gsize out_size)
{
  guint64 high = rng_next (rng);
  guint64 low = rng_next (rng);

  g_snprintf (out, out_size, "urn:uuid:%08x-%04x-4%03x-%04x-%012" G_GINT64_MODIFIER "x",
              (guint) (high >> 32), (guint) (high >> 16) & 0xffff, (guint) high & 0xfff,
              0x8000 | ((guint) (low >> 48) & 0x3fff), low & G_GUINT64_CONSTANT (0xffffffffffff));
}

/* Handles, profile URLs and stable keys as each network spells them.
 *
 * Returns: %FALSE when a business's name is already taken here */
static gboolean
build_identity (Generator      *gen,
                Rng            *rng,
                TendSourceKind  kind,
                const Person   *person,
                gboolean        from_cast,
                gint64          connected_since,
                Identity       *id)
{
  UserStyle style;
  const char *server = RNG_PICK (rng, mastodon_servers);
  const char *hobby = RNG_PICK (rng, username_hobbies);
  const char *email_domain = RNG_PICK (rng, email_domains);
  guint number = 70 + rng_below (rng, 35);
  double roll = rng_double (rng);
  char user[96];

  if (roll < 0.40)
    style = USER_PLAIN;
  else if (roll < 0.70)
    style = USER_SEPARATED;
  else if (roll < 0.80)
    style = USER_INITIAL;
  else if (roll < 0.90)
    style = USER_GIVEN_YEAR;
  else
    style = USER_HOBBY;

  display_name (rng, kind, person, from_cast, id->name, sizeof id->name);

  for (guint attempt = 1; ; attempt++)
    {
      id->has_handle = TRUE;
      id->has_profile_url = TRUE;

      switch (kind)
        {
        case TEND_SOURCE_KIND_MASTODON:
        case TEND_SOURCE_KIND_MASTODON_CSV:
          build_user (person, style, '_', number, hobby, attempt, 30, user, sizeof user);
          g_snprintf (id->handle, sizeof id->handle, "@%s@%s", user, server);
          g_snprintf (id->profile_url, sizeof id->profile_url, "https://%s/@%s", server, user);
          g_snprintf (id->stable_key, sizeof id->stable_key, "%s@%s", user, server);
          break;

        case TEND_SOURCE_KIND_BLUESKY:
          {
            char did[32];

            build_user (person, style, '-', number, hobby, attempt, 30, user, sizeof user);
            if (person->business_user == NULL && roll > 0.92)
              g_snprintf (id->handle, sizeof id->handle, "%s.%s", user, RNG_PICK (rng, bluesky_domains));
            else
              g_snprintf (id->handle, sizeof id->handle, "%s.bsky.social", user);
            g_snprintf (id->profile_url, sizeof id->profile_url, "https://bsky.app/profile/%s", id->handle);
            random_alnum (rng, "abcdefghijklmnopqrstuvwxyz234567", 24, did);
            g_snprintf (id->stable_key, sizeof id->stable_key, "did:plc:%s", did);
          }
          break;

        case TEND_SOURCE_KIND_INSTAGRAM:
          build_user (person, style, roll < 0.55 ? '.' : '_', number, hobby, attempt, 30, user, sizeof user);
          g_snprintf (id->handle, sizeof id->handle, "@%s", user);
          g_snprintf (id->profile_url, sizeof id->profile_url, "https://www.instagram.com/%s", user);
          g_strlcpy (id->stable_key, user, sizeof id->stable_key);
          break;

        case TEND_SOURCE_KIND_X:
          /* Old accounts have short numeric ids, newer ones 19 digits. */
          build_user (person, style == USER_PLAIN ? USER_CAPITALISED : style, '_',
                      number, hobby, attempt, 15, user, sizeof user);
          g_snprintf (id->handle, sizeof id->handle, "@%s", user);
          g_snprintf (id->profile_url, sizeof id->profile_url, "https://x.com/%s", user);
          if (roll < 0.3)
            g_snprintf (id->stable_key, sizeof id->stable_key, "%" G_GUINT64_FORMAT,
                        G_GUINT64_CONSTANT (10000000) + rng_next (rng) % G_GUINT64_CONSTANT (990000000));
          else
            g_snprintf (id->stable_key, sizeof id->stable_key, "%" G_GUINT64_FORMAT,
                        G_GUINT64_CONSTANT (1000000000000000000) +
                        rng_next (rng) % G_GUINT64_CONSTANT (900000000000000000));
          break;

        case TEND_SOURCE_KIND_LINKEDIN:
          /* Older exports have no URL column; the importer then keys on
           * the name and the date. */
          id->has_handle = FALSE;
          if (!from_cast && roll > 0.92)
            {
              id->has_profile_url = FALSE;
              g_snprintf (id->stable_key, sizeof id->stable_key, "%s|%" G_GINT64_FORMAT,
                          id->name, connected_since + attempt - 1);
            }
          else
            {
              char hex[12];

              build_user (person, USER_SEPARATED, '-', number, hobby, attempt, 60, user, sizeof user);
              random_alnum (rng, "0123456789abcdef", 8, hex);
              if (roll < 0.6)
                g_snprintf (id->profile_url, sizeof id->profile_url,
                            "https://www.linkedin.com/in/%s-%s", user, hex);
              else
                g_snprintf (id->profile_url, sizeof id->profile_url,
                            "https://www.linkedin.com/in/%s", user);
              g_strlcpy (id->stable_key, id->profile_url, sizeof id->stable_key);
            }
          break;

        case TEND_SOURCE_KIND_FACEBOOK:
          /* Names only: the export's friend timestamp tells people apart. */
          id->has_handle = FALSE;
          id->has_profile_url = FALSE;
          g_snprintf (id->stable_key, sizeof id->stable_key, "%s|%" G_GINT64_FORMAT,
                      id->name, connected_since + attempt - 1);
          break;

        case TEND_SOURCE_KIND_GOOGLE_CONTACTS:
          {
            char digits[24];

            id->has_profile_url = FALSE;
            build_user (person, USER_SEPARATED, '.', number, hobby, attempt, 40, user, sizeof user);
            id->has_handle = from_cast || roll < 0.7;
            g_snprintf (id->handle, sizeof id->handle, "%s@%s", user, email_domain);
            random_alnum (rng, "0123456789", 19, digits);
            g_snprintf (id->stable_key, sizeof id->stable_key, "people/c%s", digits);
          }
          break;

        case TEND_SOURCE_KIND_VCARD:
        default:
          id->has_profile_url = FALSE;
          build_user (person, USER_SEPARATED, '.', number, hobby, attempt, 40, user, sizeof user);
          id->has_handle = roll < 0.5;
          g_snprintf (id->handle, sizeof id->handle, "%s@%s", user, email_domain);
          format_uuid (rng, id->stable_key, sizeof id->stable_key);
          break;
        }

      if (!is_taken (gen, 'k', id->stable_key) &&
          !(id->has_handle && is_taken (gen, 'h', id->handle)))
        break;

      if (person->business_user != NULL)
        return FALSE;
    }

  take (gen, 'k', id->stable_key);
  if (id->has_handle)
    take (gen, 'h', id->handle);

  return TRUE;
}

static TendFollowState
pick_follow_state (Rng            *rng,
                   TendSourceKind  kind,
                   gboolean        business)
{
  double roll = rng_double (rng);
  double mutual;
  double follows_me;

  switch (kind)
    {
    case TEND_SOURCE_KIND_FACEBOOK:
    case TEND_SOURCE_KIND_LINKEDIN:
      return TEND_FOLLOW_STATE_FRIENDS;
    case TEND_SOURCE_KIND_GOOGLE_CONTACTS:
    case TEND_SOURCE_KIND_VCARD:
      return TEND_FOLLOW_STATE_CONTACT;
    case TEND_SOURCE_KIND_MASTODON_CSV:
      /* A list of the accounts Rosa followed from her old server. */
      return TEND_FOLLOW_STATE_I_FOLLOW;
    case TEND_SOURCE_KIND_MASTODON:
      mutual = 0.40, follows_me = 0.35;
      break;
    case TEND_SOURCE_KIND_BLUESKY:
      mutual = 0.35, follows_me = 0.35;
      break;
    case TEND_SOURCE_KIND_INSTAGRAM:
      mutual = 0.25, follows_me = 0.60;
      break;
    case TEND_SOURCE_KIND_X:
    default:
      mutual = 0.20, follows_me = 0.45;
      break;
    }

  /* Businesses follow each other more than customers do. */
  if (business)
    mutual = 0.50, follows_me = 0.15;

  if (roll < mutual)
    return TEND_FOLLOW_STATE_MUTUAL;
  if (roll < mutual + follows_me)
    return TEND_FOLLOW_STATE_FOLLOWS_ME;
  return TEND_FOLLOW_STATE_I_FOLLOW;
}

static gboolean
source_has_interactions (TendSourceKind kind)
{
  for (guint i = 0; i < TEND_N_INTERACTION_KINDS; i++)
    {
      if (source_interactions[kind][i] != 0)
        return TRUE;
    }
  return FALSE;
}

static Profile
pick_profile (Rng             *rng,
              TendSourceKind   kind,
              TendFollowState  state)
{
  const ProfileOdds *odds;
  guint roll;

  if (!source_has_interactions (kind))
    return PROFILE_SILENT;

  switch (state)
    {
    case TEND_FOLLOW_STATE_FRIENDS:
      odds = kind == TEND_SOURCE_KIND_LINKEDIN ? &odds_friends_linkedin : &odds_friends_facebook;
      break;
    case TEND_FOLLOW_STATE_MUTUAL:
      odds = &odds_mutual;
      break;
    case TEND_FOLLOW_STATE_I_FOLLOW:
      odds = &odds_i_follow;
      break;
    case TEND_FOLLOW_STATE_FOLLOWS_ME:
    case TEND_FOLLOW_STATE_CONTACT:
    default:
      odds = &odds_follows_me;
      break;
    }

  roll = rng_below (rng, 100);
  for (guint p = 0; p < PROFILE_SILENT; p++)
    {
      if (roll < odds->percent[p])
        return p;
      roll -= odds->percent[p];
    }

  return PROFILE_SILENT;
}

static guint
natural_count (Rng     *rng,
               Profile  profile)
{
  double u;

  switch (profile)
    {
    case PROFILE_SOLID:
      u = rng_double (rng);
      return 10 + (guint) (40 * u * u);
    case PROFILE_YOU_INVEST:
    case PROFILE_THEY_INVEST:
      return 4 + rng_below (rng, 10);
    case PROFILE_WEAK:
      return 1 + rng_below (rng, 2);
    case PROFILE_FADED:
      return 2 + rng_below (rng, 9);
    case PROFILE_SILENT:
    case N_PROFILES:
    default:
      return 0;
    }
}

/* When the person connected: interactions never come before it, and
 * faded relationships need more than a year behind them. */
static gint64
pick_connected_since (Generator      *gen,
                      Rng            *rng,
                      TendSourceKind  kind,
                      Profile         profile)
{
  guint span = source_specs[kind].span_days;
  guint min_days;
  guint days;

  if (span == 0)
    return 0;

  switch (profile)
    {
    case PROFILE_WEAK:
    case PROFILE_FADED:
      min_days = OLD_MIN_DAYS + 20;
      break;
    case PROFILE_SOLID:
    case PROFILE_YOU_INVEST:
    case PROFILE_THEY_INVEST:
      min_days = 60;
      break;
    case PROFILE_SILENT:
    case N_PROFILES:
    default:
      min_days = 1;
      break;
    }

  days = min_days + rng_below (rng, span - min_days);
  return gen->now - days * DAY - rng_below (rng, DAY);
}

static gboolean
add_tags (Generator         *gen,
          gint64             id,
          const char * const *tags,
          guint              n_tags,
          GError           **error)
{
  for (guint i = 0; i < n_tags && tags[i] != NULL; i++)
    {
      if (!tend_store_add_tag (gen->store, id, tags[i], error))
        return ensure_error (error);
      if (!tick (gen, error))
        return FALSE;
    }

  return TRUE;
}

/* A role for someone from the crowd, as tags; at most one protected. */
static guint
pick_crowd_tags (Rng             *rng,
                 TendSourceKind   kind,
                 TendFollowState  state,
                 Profile          profile,
                 const Business  *business,
                 const char     **tags)
{
  double customer = 0, supplier = 0, partner = 0, peer = 0, friend = 0, family = 0;
  double roll = rng_double (rng);
  const char *role = NULL;
  guint n = 0;

  if (business != NULL)
    {
      switch (business->role)
        {
        case BUSINESS_PEER:
          peer = 0.45;
          break;
        case BUSINESS_NEIGHBOUR:
          partner = 0.30;
          break;
        case BUSINESS_SUPPLIER:
        default:
          supplier = 0.50;
          break;
        }
    }
  else
    {
      switch (kind)
        {
        case TEND_SOURCE_KIND_INSTAGRAM:
          customer = state == TEND_FOLLOW_STATE_FOLLOWS_ME ? 0.22 : state == TEND_FOLLOW_STATE_MUTUAL ? 0.18 : 0;
          peer = state == TEND_FOLLOW_STATE_I_FOLLOW ? 0.15 : 0;
          friend = state == TEND_FOLLOW_STATE_MUTUAL ? 0.08 : 0;
          break;
        case TEND_SOURCE_KIND_MASTODON:
        case TEND_SOURCE_KIND_BLUESKY:
        case TEND_SOURCE_KIND_X:
          customer = state == TEND_FOLLOW_STATE_FOLLOWS_ME ? 0.10 : state == TEND_FOLLOW_STATE_MUTUAL ? 0.08 : 0;
          peer = state == TEND_FOLLOW_STATE_I_FOLLOW ? 0.15 : 0.03;
          friend = state == TEND_FOLLOW_STATE_MUTUAL ? 0.06 : 0;
          break;
        case TEND_SOURCE_KIND_FACEBOOK:
          customer = 0.12, friend = 0.12, family = 0.03;
          break;
        case TEND_SOURCE_KIND_LINKEDIN:
          customer = 0.05, supplier = 0.04, partner = 0.03, peer = 0.05;
          break;
        case TEND_SOURCE_KIND_GOOGLE_CONTACTS:
          customer = 0.30, supplier = 0.10, partner = 0.03, friend = 0.10, family = 0.04;
          break;
        case TEND_SOURCE_KIND_VCARD:
          customer = 0.15, supplier = 0.06, friend = 0.20, family = 0.12;
          break;
        case TEND_SOURCE_KIND_MASTODON_CSV:
        default:
          peer = 0.10;
          break;
        }

      /* The people who engage are more often the ones who buy. */
      if (profile == PROFILE_THEY_INVEST || profile == PROFILE_SOLID)
        customer *= 1.5;
    }

  if ((roll -= customer) < 0)
    role = "Customer";
  else if ((roll -= supplier) < 0)
    role = "Supplier";
  else if ((roll -= partner) < 0)
    role = "Partner";
  else if ((roll -= peer) < 0)
    role = "Peer";
  else if ((roll -= friend) < 0)
    role = "Friend";
  else if ((roll -= family) < 0)
    role = "Family";

  if (role == NULL)
    return 0;

  tags[n++] = role;

  /* The owner's own tags. */
  roll = rng_double (rng);
  if (g_str_equal (role, "Customer"))
    {
      if (roll < 0.18)
        tags[n++] = "Market stall";
      else if (roll < 0.24)
        tags[n++] = "Catering";
      else if (roll < 0.32 && (kind == TEND_SOURCE_KIND_INSTAGRAM || kind == TEND_SOURCE_KIND_FACEBOOK))
        tags[n++] = "Sourdough class";
      else if (roll < 0.45 && kind == TEND_SOURCE_KIND_LINKEDIN)
        tags[n++] = "Wholesale";
    }
  else if (g_str_equal (role, "Supplier") && roll < 0.4)
    tags[n++] = "Wholesale";

  return n;
}

static TendDecision
pick_crowd_decision (Rng          *rng,
                     Profile       profile,
                     gboolean      tagged,
                     const char  **note)
{
  *note = NULL;

  switch (profile)
    {
    case PROFILE_SOLID:
      if (rng_chance (rng, 0.04))
        {
          *note = RNG_PICK (rng, keep_notes);
          return TEND_DECISION_KEEP;
        }
      break;

    case PROFILE_YOU_INVEST:
      if (!tagged && rng_chance (rng, 0.02))
        {
          *note = RNG_PICK (rng, chase_notes);
          return TEND_DECISION_PRUNE;
        }
      break;

    case PROFILE_WEAK:
    case PROFILE_FADED:
    case PROFILE_SILENT:
      if (!tagged && rng_chance (rng, 0.015))
        {
          *note = RNG_PICK (rng, prune_notes);
          return TEND_DECISION_PRUNE;
        }
      break;

    case PROFILE_THEY_INVEST:
    case N_PROFILES:
    default:
      break;
    }

  return TEND_DECISION_UNDECIDED;
}

/* Live networks say when an account moved or was closed. A few of the
 * quiet people and of those who never answer on Mastodon and Bluesky did,
 * picked by position rather than by a draw, so the rest of the sample
 * stays as it was.
 */
static TendAccountState
pick_account_state (TendSourceKind kind,
                    Profile        profile,
                    guint          index)
{
  if (!tend_source_kind_is_live (kind) || index % 7 != 3 ||
      (profile != PROFILE_FADED && profile != PROFILE_SILENT && profile != PROFILE_YOU_INVEST))
    return TEND_ACCOUNT_STATE_ACTIVE;

  return kind == TEND_SOURCE_KIND_MASTODON ? TEND_ACCOUNT_STATE_MOVED : TEND_ACCOUNT_STATE_DEACTIVATED;
}

static gboolean
write_connection (Generator        *gen,
                  gint64            source_id,
                  TendSourceKind    kind,
                  const Identity   *identity,
                  TendFollowState   state,
                  gint64            connected_since,
                  Profile           profile,
                  guint             natural,
                  gint64           *out_id,
                  GError          **error)
{
  TendConnectionRecord record = {
    .stable_key = identity->stable_key,
    .name = identity->name,
    .handle = identity->has_handle ? identity->handle : NULL,
    .profile_url = identity->has_profile_url ? identity->profile_url : NULL,
    .avatar_url = NULL,
    .follow_state = state,
    .connected_since = connected_since,
    .account_state = pick_account_state (kind, profile, gen->n_plan),
  };
  PlanEntry *entry;
  gint64 id;

  id = tend_store_upsert_connection (gen->store, source_id, &record, error);
  if (id <= 0)
    return ensure_error (error);

  g_assert (gen->n_plan < gen->plan_size);
  entry = &gen->plan[gen->n_plan++];
  entry->id = id;
  entry->connected_since = connected_since;
  entry->natural = natural;
  entry->kind = kind;
  entry->profile = profile;
  gen->total_natural += natural;

  *out_id = id;
  return tick (gen, error);
}

static gboolean
write_cast (Generator       *gen,
            Rng             *rng,
            gint64           source_id,
            TendSourceKind   kind,
            guint            quota,
            guint           *written,
            GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (appearances) && *written < quota; i++)
    {
      const CastAppearance *appearance = &appearances[i];
      const CastPerson *member = &cast[appearance->person];
      Identity identity;
      Person person;
      gint64 connected_since;
      gint64 id;

      if (appearance->kind != kind)
        continue;

      person_from_cast (member, &person);
      connected_since = pick_connected_since (gen, rng, kind, appearance->profile);
      build_identity (gen, rng, kind, &person, TRUE, connected_since, &identity);

      if (!write_connection (gen, source_id, kind, &identity, appearance->follow_state,
                             connected_since, appearance->profile, appearance->natural,
                             &id, error))
        return FALSE;

      if (!add_tags (gen, id, member->tags, G_N_ELEMENTS (member->tags), error))
        return FALSE;

      /* A decision is taken once, on the connection the owner looked at first. */
      if (member->decision != TEND_DECISION_UNDECIDED &&
          (gen->cast_decided & (G_GUINT64_CONSTANT (1) << appearance->person)) == 0)
        {
          if (!tend_store_set_decision (gen->store, id, member->decision, member->note, error))
            return ensure_error (error);
          gen->cast_decided |= G_GUINT64_CONSTANT (1) << appearance->person;
        }

      (*written)++;
    }

  return TRUE;
}

static gboolean
write_crowd (Generator       *gen,
             Rng             *rng,
             gint64           source_id,
             TendSourceKind   kind,
             guint            quota,
             guint            written,
             GError         **error)
{
  gboolean social = kind == TEND_SOURCE_KIND_MASTODON || kind == TEND_SOURCE_KIND_BLUESKY ||
                    kind == TEND_SOURCE_KIND_INSTAGRAM || kind == TEND_SOURCE_KIND_X;
  double business_odds = kind == TEND_SOURCE_KIND_INSTAGRAM ? 0.10 : social ? 0.06 : 0;

  for (; written < quota; written++)
    {
      const Business *business = NULL;
      const char *tags[3] = { NULL };
      const char *note;
      Identity identity;
      Person person;
      TendFollowState state;
      TendDecision decision;
      Profile profile;
      gint64 connected_since;
      gint64 id;
      guint n_tags;

      if (rng_chance (rng, business_odds))
        {
          business = &RNG_PICK (rng, businesses);
          person_from_business (business, &person);
        }
      else
        person_from_crowd (rng, &person);

      state = pick_follow_state (rng, kind, business != NULL);
      profile = pick_profile (rng, kind, state);
      connected_since = pick_connected_since (gen, rng, kind, profile);

      if (!build_identity (gen, rng, kind, &person, FALSE, connected_since, &identity))
        {
          /* That business is already here: someone else follows instead. */
          business = NULL;
          person_from_crowd (rng, &person);
          build_identity (gen, rng, kind, &person, FALSE, connected_since, &identity);
        }

      if (!write_connection (gen, source_id, kind, &identity, state, connected_since,
                             profile, natural_count (rng, profile), &id, error))
        return FALSE;

      n_tags = pick_crowd_tags (rng, kind, state, profile, business, tags);
      if (!add_tags (gen, id, tags, n_tags, error))
        return FALSE;

      decision = pick_crowd_decision (rng, profile, n_tags > 0 && tend_store_is_tag_protected (tags[0]), &note);
      if (decision != TEND_DECISION_UNDECIDED &&
          !tend_store_set_decision (gen->store, id, decision, note, error))
        return ensure_error (error);
    }

  return TRUE;
}

static gboolean
write_connections (Generator                *gen,
                   const TendSampleOptions  *options,
                   GError                  **error)
{
  gint64 source_ids[TEND_N_SOURCE_KINDS];
  guint64 cumulative = 0;
  guint64 previous = 0;
  Rng cast_rng;
  Rng crowd_rng;

  for (guint kind = 0; kind < TEND_N_SOURCE_KINDS; kind++)
    {
      source_ids[kind] = tend_store_ensure_source (gen->store, kind,
                                                   source_specs[kind].account,
                                                   source_specs[kind].title,
                                                   error);
      if (source_ids[kind] <= 0)
        return ensure_error (error);
    }

  /* Looked at before the first connection, so even a cancellation that
   * came early exercises the rollback. */
  if (g_cancellable_set_error_if_cancelled (gen->cancellable, error))
    return FALSE;

  rng_init (&cast_rng, gen->seed, STREAM_CAST);
  rng_init (&crowd_rng, gen->seed, STREAM_CROWD);

  for (guint kind = 0; kind < TEND_N_SOURCE_KINDS; kind++)
    {
      guint64 upto;
      guint quota;
      guint written = 0;

      /* Shares of the total, rounded so that they add up exactly. */
      cumulative += source_specs[kind].share;
      upto = (guint64) options->n_connections * cumulative / SOURCE_SHARE_TOTAL;
      quota = (guint) (upto - previous);
      previous = upto;

      g_hash_table_remove_all (gen->taken);
      g_string_chunk_clear (gen->taken_chunk);

      if (!write_cast (gen, &cast_rng, source_ids[kind], kind, quota, &written, error) ||
          !write_crowd (gen, &crowd_rng, source_ids[kind], kind, quota, written, error))
        return FALSE;
    }

  return TRUE;
}

static double
decayed_weight (TendInteractionKind kind,
                gint64              age)
{
  double age_days = (double) age / DAY;

  if (age_days > DECAY_WINDOW_DAYS)
    return 0;

  return tend_interaction_kind_get_weight (kind) * pow (0.5, age_days / DECAY_HALF_LIFE_DAYS);
}

static TendInteractionKind
pick_kind (Rng            *rng,
           TendSourceKind  source,
           gboolean        favour_messages)
{
  guint weights[TEND_N_INTERACTION_KINDS];

  for (guint i = 0; i < TEND_N_INTERACTION_KINDS; i++)
    weights[i] = source_interactions[source][i] * 2;
  weights[TEND_INTERACTION_MESSAGE] = source_interactions[source][TEND_INTERACTION_MESSAGE] *
                                      (favour_messages ? 8 : 1);

  if (!source_has_interactions (source))
    return TEND_INTERACTION_MESSAGE;

  return rng_pick_weighted (rng, weights, TEND_N_INTERACTION_KINDS);
}

/* Something that counts: a message, reply, mention or quote. */
static TendInteractionKind
pick_heavy_kind (Rng            *rng,
                 TendSourceKind  source,
                 gboolean        favour_messages)
{
  guint weights[TEND_N_INTERACTION_KINDS] = { 0 };
  gboolean any = FALSE;

  for (guint i = 0; i < TEND_N_INTERACTION_KINDS; i++)
    {
      if (tend_interaction_kind_get_weight (i) >= 2)
        {
          weights[i] = source_interactions[source][i] * 2;
          any |= weights[i] != 0;
        }
    }
  weights[TEND_INTERACTION_MESSAGE] *= favour_messages ? 4 : 1;

  if (!any)
    return pick_kind (rng, source, favour_messages);

  return rng_pick_weighted (rng, weights, TEND_N_INTERACTION_KINDS);
}

/* Something light: a like or a repost, where the network has them. */
static TendInteractionKind
pick_light_kind (Rng            *rng,
                 TendSourceKind  source)
{
  gboolean can_like = source_interactions[source][TEND_INTERACTION_LIKE] != 0;
  gboolean can_repost = source_interactions[source][TEND_INTERACTION_REPOST] != 0;

  if (can_like && can_repost)
    return rng_chance (rng, 0.7) ? TEND_INTERACTION_LIKE : TEND_INTERACTION_REPOST;
  if (can_like)
    return TEND_INTERACTION_LIKE;
  return TEND_INTERACTION_MESSAGE;
}

/* Mostly within the last year, the more recent the more likely. */
static gint64
recent_age (Rng    *rng,
            gint64  max_age)
{
  gint64 year = MIN (max_age, RECENT_DAYS * DAY);
  double u;

  if (max_age > RECENT_DAYS * DAY && rng_chance (rng, 0.25))
    return rng_between (rng, RECENT_DAYS * DAY, max_age);

  u = rng_double (rng);
  return 3600 + (gint64) (pow (u, 1.4) * (double) (year - 3600));
}

static gint64
old_age (Rng    *rng,
         gint64  max_age)
{
  return rng_between (rng, MIN (OLD_MIN_DAYS * DAY, max_age), max_age);
}

static gint64
weak_age (Rng    *rng,
          gint64  max_age)
{
  return rng_between (rng, MIN (WEAK_MIN_DAYS * DAY, max_age), MIN (RECENT_DAYS * DAY, max_age));
}

typedef struct {
  Generator *gen;
  gint64 connection_id;
  guint count;
  guint written;
  double in_weight;
  double out_weight;
} History;

static gboolean
emit (History              *history,
      TendDirection         direction,
      TendInteractionKind   kind,
      gint64                age,
      GError              **error)
{
  Generator *gen = history->gen;

  /* Seconds apart within one history, so no two events coincide. */
  age = age - age % history->count + history->written;

  if (direction == TEND_DIRECTION_IN)
    history->in_weight += decayed_weight (kind, age);
  else
    history->out_weight += decayed_weight (kind, age);

  if (!tend_store_add_interaction (gen->store, history->connection_id, direction, kind,
                                   gen->now - age, NULL, error))
    return ensure_error (error);

  history->written++;
  return tick (gen, error);
}

static gboolean
write_history (Generator        *gen,
               const PlanEntry  *entry,
               guint             index,
               guint             count,
               GError          **error)
{
  History history = { gen, entry->id, count, 0, 0, 0 };
  TendSourceKind source = entry->kind;
  Profile profile = entry->profile;
  gint64 max_age = HISTORY_DAYS * DAY;
  gboolean gave_weak_reply = FALSE;
  TendDirection active;
  TendDirection other;
  double in_share;
  guint n_weak;
  Rng rng;

  if (count == 0)
    return TRUE;

  rng_init (&rng, gen->seed, STREAM_HISTORY + index);

  if (entry->connected_since > 0)
    max_age = CLAMP (gen->now - entry->connected_since, 2 * DAY, max_age);

  if (profile == PROFILE_SILENT)
    profile = PROFILE_FADED;

  /* First what makes the relationship what it is: recent, weighty
   * contact in the directions that should be active. */
  if (profile == PROFILE_SOLID || profile == PROFILE_YOU_INVEST || profile == PROFILE_THEY_INVEST)
    {
      gboolean wants_in = profile != PROFILE_YOU_INVEST;
      gboolean wants_out = profile != PROFILE_THEY_INVEST;

      while (history.written < count)
        {
          gboolean need_in = wants_in && history.in_weight < ANCHOR_TARGET;
          gboolean need_out = wants_out && history.out_weight < ANCHOR_TARGET;
          TendDirection direction;

          if (!need_in && !need_out)
            break;

          direction = need_in && (!need_out || history.in_weight <= history.out_weight)
                      ? TEND_DIRECTION_IN : TEND_DIRECTION_OUT;
          if (!emit (&history, direction,
                     pick_heavy_kind (&rng, source, profile == PROFILE_SOLID),
                     rng_between (&rng, DAY, MIN (ANCHOR_MAX_DAYS * DAY, max_age)),
                     error))
            return FALSE;
        }
    }

  /* Then the rest of the history, shaped so it cannot change the quadrant. */
  in_share = 0.35 + 0.3 * rng_double (&rng);
  active = profile == PROFILE_YOU_INVEST ? TEND_DIRECTION_OUT : TEND_DIRECTION_IN;
  other = active == TEND_DIRECTION_IN ? TEND_DIRECTION_OUT : TEND_DIRECTION_IN;
  n_weak = 1 + rng_below (&rng, 2);

  while (history.written < count)
    {
      TendDirection direction;
      TendInteractionKind kind;
      gint64 age;

      switch (profile)
        {
        case PROFILE_SOLID:
          direction = rng_chance (&rng, in_share) ? TEND_DIRECTION_IN : TEND_DIRECTION_OUT;
          kind = pick_kind (&rng, source, TRUE);
          age = recent_age (&rng, max_age);
          break;

        case PROFILE_YOU_INVEST:
        case PROFILE_THEY_INVEST:
          direction = active;
          kind = pick_kind (&rng, source, FALSE);
          age = recent_age (&rng, max_age);

          /* Now and then the other side: once lightly, otherwise long ago. */
          if (rng_chance (&rng, 0.15))
            {
              if (!gave_weak_reply && max_age > WEAK_MIN_DAYS * DAY && rng_chance (&rng, 0.4))
                {
                  direction = other;
                  kind = pick_light_kind (&rng, source);
                  age = weak_age (&rng, max_age);
                  gave_weak_reply = TRUE;
                }
              else if (max_age > OLD_MIN_DAYS * DAY)
                {
                  direction = other;
                  age = old_age (&rng, max_age);
                }
            }
          break;

        case PROFILE_WEAK:
          direction = rng_chance (&rng, 0.5) ? TEND_DIRECTION_IN : TEND_DIRECTION_OUT;
          if (history.written < n_weak)
            {
              kind = pick_light_kind (&rng, source);
              age = weak_age (&rng, max_age);
            }
          else
            {
              kind = pick_kind (&rng, source, FALSE);
              age = old_age (&rng, max_age);
            }
          break;

        case PROFILE_FADED:
        case PROFILE_SILENT:
        case N_PROFILES:
        default:
          direction = rng_chance (&rng, 0.5) ? TEND_DIRECTION_IN : TEND_DIRECTION_OUT;
          kind = pick_kind (&rng, source, TRUE);
          age = old_age (&rng, max_age);
          break;
        }

      if (!emit (&history, direction, kind, age, error))
        return FALSE;
    }

  return TRUE;
}

/* Each connection's share of @total, in proportion to its natural count,
 * rounded so that the shares add up to @total exactly. */
static guint
scaled_count (guint64 prefix_before,
              guint64 prefix_after,
              guint64 natural_total,
              guint64 total)
{
  guint64 upto_before = (prefix_before / natural_total) * total +
                        (prefix_before % natural_total) * total / natural_total;
  guint64 upto_after = (prefix_after / natural_total) * total +
                       (prefix_after % natural_total) * total / natural_total;

  return (guint) (upto_after - upto_before);
}

static gboolean
write_interactions (Generator                *gen,
                    const TendSampleOptions  *options,
                    GError                  **error)
{
  guint64 total = options->n_interactions;
  guint64 prefix = 0;

  if (total > 0 && gen->n_plan == 0)
    {
      g_set_error_literal (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID,
                           _("Interactions need connections to belong to. Ask for at least one connection."));
      return FALSE;
    }

  for (guint i = 0; i < gen->n_plan; i++)
    {
      const PlanEntry *entry = &gen->plan[i];
      guint count;

      if (total == 0)
        count = entry->natural;
      else if (gen->total_natural == 0)
        count = scaled_count (i, i + 1, gen->n_plan, total);
      else
        count = scaled_count (prefix, prefix + entry->natural, gen->total_natural, total);

      prefix += entry->natural;

      if (!write_history (gen, entry, i, count, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * tend_sample_generate:
 * @store: a fresh profile
 * @options: what to generate; see tend_sample_options_init_default()
 * @cancellable: (nullable): checked every thousand rows
 *
 * Fills @store with Rosa's bakery and café, in one transaction: on error
 * or cancellation nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
tend_sample_generate (TendStore                *store,
                      const TendSampleOptions  *options,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_autofree PlanEntry *plan = NULL;
  GStringChunk *taken_chunk;
  Generator gen = { 0 };
  gboolean ok;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  taken = g_hash_table_new (g_str_hash, g_str_equal);
  taken_chunk = g_string_chunk_new (64 * 1024);
  plan = g_new (PlanEntry, MAX (options->n_connections, 1));

  gen.store = store;
  gen.cancellable = cancellable;
  gen.seed = options->seed;
  gen.now = options->now;
  gen.taken = taken;
  gen.taken_chunk = taken_chunk;
  gen.plan = plan;
  gen.plan_size = options->n_connections;

  if (!tend_store_begin (store, error))
    {
      g_string_chunk_free (taken_chunk);
      return FALSE;
    }

  ok = write_connections (&gen, options, &local_error) &&
       write_interactions (&gen, options, &local_error) &&
       tend_store_commit (store, &local_error);

  g_string_chunk_free (taken_chunk);

  if (!ok)
    {
      tend_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_debug ("Sample: %u connections, %" G_GUINT64_FORMAT " rows", gen.n_plan, gen.rows);

  return TRUE;
}
