namespace KlantCentraal.Domain.Tests;

public class MoneyTryParse
{
    [Theory]
    [InlineData("24,95", 2495)]
    [InlineData("24.95", 2495)]
    [InlineData("€ 24,95", 2495)]
    [InlineData("€24,95", 2495)]
    [InlineData("25", 2500)]
    [InlineData("25,-", 2500)]
    [InlineData("0,5", 50)]
    [InlineData("1.250,00", 125000)]
    [InlineData("1,250.00", 125000)]
    [InlineData("1.250", 125000)]
    [InlineData("100000", 10000000)]
    public void Reads_amounts_as_people_type_them(string typed, long cents)
    {
        Assert.True(Money.TryParse(typed, out var money));
        Assert.Equal(cents, money.Cents);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("-24,95")]
    [InlineData("abc")]
    [InlineData("24,955")]
    [InlineData("1,2,3")]
    [InlineData("24,95,00")]
    [InlineData("1e5")]
    [InlineData("99999999999999999999")]
    public void Refuses_negative_garbled_and_too_precise_amounts(string? typed)
    {
        Assert.False(Money.TryParse(typed, out _));
    }
}

public class MoneyDiagnosesWhatIsWrong
{
    [Theory]
    [InlineData("24,95", AmountProblem.None)]
    [InlineData("", AmountProblem.Empty)]
    [InlineData("abc", AmountProblem.NotANumber)]
    [InlineData("12a", AmountProblem.NotANumber)]
    [InlineData("-5", AmountProblem.Negative)]
    [InlineData("€ -5,00", AmountProblem.Negative)]
    [InlineData("24,9555", AmountProblem.TooManyDecimals)]
    [InlineData("24,955", AmountProblem.Ambiguous)]
    [InlineData("1,250", AmountProblem.Ambiguous)]
    [InlineData("1,2,3", AmountProblem.NotANumber)]
    [InlineData("123456789012345678", AmountProblem.TooLong)]
    public void Names_the_kind_of_mistake(string text, AmountProblem problem) => Assert.Equal(problem, Money.Diagnose(text));
}
