using KlantCentraal.Domain;
using KlantCentraal.Web.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Conversations;

/// <summary>Issue 31: the conversation answers with an outcome, like every service; it never throws at its caller.</summary>
public class ConversationOutcomes(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_reply_or_a_message_for_a_code_without_a_complaint_answers_not_found_and_stores_nothing()
    {
        var unknown = TrackingCode.Parse("K7M4PX9QR").Value;
        var before = await factory.WithDbAsync(db => db.Messages.CountAsync());

        await using var scope = factory.Services.CreateAsyncScope();
        var conversation = scope.ServiceProvider.GetRequiredService<ConversationDesk>();
        var reply = await conversation.ReplyAsync(unknown, "Dank u wel.", [], new StaffMember("desk", "Sanne"), "nl-NL", CancellationToken.None);
        var message = await conversation.ReceiveAsync("geen code", "Hallo", [], MessageChannel.Api, emailMessageId: null, confirm: null, CancellationToken.None);

        Assert.Equal(OutcomeKind.NotFound, reply.Kind);
        Assert.Equal(OutcomeKind.NotFound, message.Kind);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Messages.CountAsync()));
    }

    [Fact]
    public async Task A_message_the_rules_refuse_answers_refused_with_the_rule_and_stores_nothing()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();

        await using var scope = factory.Services.CreateAsyncScope();
        var conversation = scope.ServiceProvider.GetRequiredService<ConversationDesk>();
        var outcome = await conversation.ReceiveAsync(code, new string('x', ComplaintMessage.BodyMaxLength + 1), [], MessageChannel.Api, emailMessageId: null, confirm: null, CancellationToken.None);

        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal(DomainError.TextTooLong, outcome.Refusal!.Error);
        var complaintId = await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == TrackingCode.Parse(code)).Select(c => c.Id).SingleAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Messages.CountAsync(m => m.ComplaintId == complaintId)));
    }
}
