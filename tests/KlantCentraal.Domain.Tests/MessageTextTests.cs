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
