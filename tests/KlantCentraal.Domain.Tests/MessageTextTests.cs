namespace KlantCentraal.Domain.Tests;

/// <summary>Issue 31, item 5: one rule for a message's words, asked by the desk's reply, the status page and the API.</summary>
public class MessageText
{
    [Theory]
    [InlineData("Waar blijft mijn geld?", false)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData(null, true)]
    public void Is_fine_with_words_or_with_files_alone(string? body, bool withFiles)
    {
        Assert.Null(ComplaintMessage.ProblemWith(body, withFiles));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Is_empty_without_words_and_without_files(string? body)
    {
        Assert.Equal(DomainError.MessageEmpty, ComplaintMessage.ProblemWith(body, withFiles: false));
    }

    [Fact]
    public void Counts_its_length_without_the_spaces_around_it_as_it_is_stored()
    {
        var longest = new string('a', ComplaintMessage.BodyMaxLength);

        Assert.Null(ComplaintMessage.ProblemWith("  " + longest + "\n", withFiles: false));
        Assert.Equal(DomainError.TextTooLong, ComplaintMessage.ProblemWith(longest + "a", withFiles: true));
    }
}

/// <summary>Issue 42: how an e-mail's text fits a complaint and a message is the domain's rule, not the mailbox's.</summary>
public class EmailTextLimits
{
    [Fact]
    public void A_long_e_mail_body_is_cut_to_the_message_limit_and_says_so()
    {
        var fitted = ComplaintMessage.FitEmailBody(new string('x', ComplaintMessage.BodyMaxLength + 500));

        Assert.True(fitted.Length <= ComplaintMessage.BodyMaxLength);
        Assert.EndsWith("\n(ingekort)", fitted, StringComparison.Ordinal);
        Assert.Equal("kort", ComplaintMessage.FitEmailBody("kort"));
    }

    [Fact]
    public void An_e_mail_complaint_takes_its_subject_as_product_and_its_text_as_description_within_their_limits()
    {
        var details = ComplaintDetails.FromEmail(new string('s', Complaint.ProductNameMaxLength + 9), new string('d', Complaint.DescriptionMaxLength + 9));

        Assert.Equal((Channel.Email, Complaint.ProductNameMaxLength, Complaint.DescriptionMaxLength), (details.Channel, details.ProductName.Length, details.Description.Length));
        Assert.Equal(ComplaintCategory.Other, details.Category);
    }
}
