using KlantCentraal.Domain;

namespace KlantCentraal.Web.Tests.Reporting;

/// <summary>
/// Every dashboard figure against a small data set computed by hand. Period: 1–30 November 2026.
///
/// | # | customer | product     | received    | resolved after | amount  | cause       | score |
/// | 1 | Ann      | Waterkoker  | 2 Nov 10:00 | 0 min          | € 20,00 | Materiaal   | 5     |
/// | 2 | Ann      | Waterkoker  | 3 Nov 10:00 | 0 min          | € 30,00 | Materiaal   | 3     |
/// | 3 | Bob      | Broodrooster| 10 Nov 10:00| 60 min         | € 100,00| Mens        | –     |
/// | 4 | Cas      | Waterkoker  | 11 Nov 10:00| 0 min          | –       | (none yet)  | 4     |
/// | 5 | Dirk     | Fiets       | 20 Nov 10:00| 120 min        | € 5,00  | Materiaal   | –     |
/// | 6 | Eva      | Fiets       | 5 Dec 10:00 | outside the period                              |
///
/// Complaints 5; first contact 3/5 = 60 %; goodwill € 155,00; satisfaction (5+3+4)/3 = 4,0 from 3;
/// median minutes of 0,0,0,60,120 = 0; repeat customers 1 (Ann); repeat products 1 (Waterkoker; Eva's Fiets is outside).
/// Causes by count: Materiaal 3, Mens 1 (the one without a cause yet is left out and counted apart); by cost: Mens € 100, Materiaal € 55.
/// Weeks (ISO): W45 (2–3 Nov) 2, W46 (10–11 Nov) 2, W47 (20 Nov) 1.
/// </summary>
public sealed class DashboardFigures : IClassFixture<DashboardFigures.Seeded>
{
    private const string Period = "from=2026-11-01&to=2026-11-30";
    private readonly Seeded _app;

    public DashboardFigures(Seeded app) => _app = app;

    [Fact]
    public async Task Shows_each_key_figure_as_computed_by_hand()
    {
        var html = await _app.Manager.GetHtmlAsync($"/Manager/Dashboard?{Period}");

        Assert.Contains("data-testid=\"kpi-complaints\">5<", html);
        Assert.Contains("data-testid=\"kpi-fcr\">60 %<", html);
        Assert.Contains("data-testid=\"kpi-goodwill\">€ 155,00<", html);
        Assert.Contains("data-testid=\"kpi-satisfaction\">4,0 (3)<", html);
        Assert.Contains("data-testid=\"kpi-median\">0 min<", html);
        Assert.Contains("data-testid=\"kpi-repeat-customers\">1<", html);
        Assert.Contains("data-testid=\"kpi-repeat-products\">1<", html);
        Assert.Contains("1 klachten wachten op een oorzaak", html);
        Assert.DoesNotContain("Nog onbekend", html);
        Assert.Contains("data-testid=\"kpi-open\">4<", html);
        Assert.Contains("data-testid=\"kpi-overdue\" class=\"overdue\"><a href=\"/Manager?overdue=true\">1</a>", html);
    }

    [Fact]
    public async Task The_cause_pareto_orders_by_count_or_by_goodwill_cost()
    {
        var byCount = await _app.Manager.GetStringAsync($"/Manager/Dashboard?handler=Csv&table=causes&{Period}");
        var byCost = await _app.Manager.GetStringAsync($"/Manager/Dashboard?handler=Csv&table=causes&by=cost&{Period}");

        Assert.Equal(
            ["Oorzaakcategorie;Klachten;Goodwill (euro);Cumulatief (%)", "Materiaal;3;55,00;75", "Mens;1;100,00;100"],
            Lines(byCount));
        Assert.Equal(
            ["Oorzaakcategorie;Klachten;Goodwill (euro);Cumulatief (%)", "Mens;1;100,00;64,5", "Materiaal;3;55,00;100"],
            Lines(byCost));
    }

    [Fact]
    public async Task Complaints_per_week_and_products_export_as_csv()
    {
        var weeks = await _app.Manager.GetAsync($"/Manager/Dashboard?handler=Csv&table=weeks&{Period}");
        var products = await _app.Manager.GetStringAsync($"/Manager/Dashboard?handler=Csv&table=products&{Period}");

        Assert.Equal("text/csv; charset=utf-8", weeks.Content.Headers.ContentType!.ToString());
        Assert.Equal(
            ["Week;Klachten;Goodwill (euro)", "2026-W45;2;50,00", "2026-W46;2;100,00", "2026-W47;1;5,00"],
            Lines(await weeks.Content.ReadAsStringAsync()));
        Assert.Equal(
            ["Product;Klachten;Goodwill (euro);Cumulatief (%)", "Waterkoker;3;50,00;60", "Broodrooster;1;100,00;80", "Fiets;1;5,00;100"],
            Lines(products));
    }

    [Fact]
    public async Task The_summary_csv_holds_the_same_figures()
    {
        var summary = Lines(await _app.Manager.GetStringAsync($"/Manager/Dashboard?handler=Csv&table=summary&{Period}"));

        Assert.Contains("Klachten;5", summary);
        Assert.Contains("Opgelost bij eerste contact (%);60", summary);
        Assert.Contains("Goodwill (euro);155,00", summary);
        Assert.Contains("Gemiddelde tevredenheid (1-5);4", summary);
        Assert.Contains("Mediaan tot oplossing (minuten);0", summary);
    }

    private static string[] Lines(string csv) => csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public sealed class Seeded : KlantCentraalFactory, IAsyncLifetime
    {
        public HttpClient Manager { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Manager = CreateBrowserlessClient();
            await Manager.SignInAsync(Accounts.Manager);
            var staff = new StaffMember("s", "Sanne");
            var manager = new StaffMember("m", "Daan", isManager: true);
            await WithDbAsync(async db =>
            {
                var ann = Customer.Create("Ann", "ann@example.nl", null, null, At(1, 0));
                var customers = new Dictionary<string, Customer> { ["Ann"] = ann };
                Complaint Make(string who, string product, int day, int minutes, long? cents, int? score)
                {
                    if (!customers.TryGetValue(who, out var customer))
                    {
                        customer = Customer.Create(who, $"{who}@example.nl", null, null, At(1, 0));
                        customers[who] = customer;
                    }

                    var received = At(day, 10);
                    var complaint = Complaint.Record(customer, new ComplaintDetails(Channel.Counter, ComplaintCategory.ProductDefect, product, null, null, null, ReceiptStatus.No, "Kapot", ResolutionType.Refund), TrackingCode.New(), staff, received);
                    var resolution = cents is { } c
                        ? Resolution.Grant(new GrantedResolution(ResolutionType.Refund, new Money(c), RefundMethod.Cash, null), staff, received.AddMinutes(minutes))
                        : Resolution.Grant(new GrantedResolution(ResolutionType.Replacement, null, null, "Nieuw exemplaar"), staff, received.AddMinutes(minutes));
                    complaint.Resolve(resolution, staff, CoSignPolicy.Default, received.AddMinutes(minutes), DateOnly.FromDateTime(received.AddMinutes(minutes)));
                    if (score is { } s)
                    {
                        complaint.GiveFeedback(s, null, received.AddDays(1));
                    }

                    db.Complaints.Add(complaint);
                    return complaint;
                }

                var c1 = Make("Ann", "Waterkoker", 2, 0, 2000, 5);
                var c2 = Make("Ann", "Waterkoker", 3, 0, 3000, 3);
                var c3 = Make("Bob", "Broodrooster", 10, 60, 10000, null);
                var c4 = Make("Cas", "Waterkoker", 11, 0, null, 4);
                var c5 = Make("Dirk", "Fiets", 20, 120, 500, null);
                var c6 = Make("Eva", "Fiets", 35, 0, 700, null);

                var materials = RootCauseInvestigation.OpenFor(c1, At(2, 11), new DateOnly(2026, 11, 16));
                materials.Add(c2, At(3, 11));
                materials.Add(c5, At(20, 11));
                materials.RecordAnalysis(new InvestigationAnalysis([], CauseCategory.Materials, "Zwak scharnier", "Ander scharnier", null, null, null), manager);
                var people = RootCauseInvestigation.OpenFor(c3, At(10, 11), new DateOnly(2099, 1, 1));
                people.RecordAnalysis(new InvestigationAnalysis([], CauseCategory.People, "Verkeerde uitleg", "Training", null, null, null), manager);
                var unknown = RootCauseInvestigation.OpenFor(c4, At(11, 11), new DateOnly(2099, 1, 1));
                var outside = RootCauseInvestigation.OpenFor(c6, At(35, 11), new DateOnly(2099, 1, 1));
                db.Investigations.AddRange(materials, people, unknown, outside);
                return await db.SaveChangesAsync();
            });
        }

        private static DateTime At(int dayOfNovember, int hour) => new DateTime(2026, 11, 1, hour, 0, 0, DateTimeKind.Utc).AddDays(dayOfNovember - 1);

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
