namespace KlantCentraal.Domain.Tests;

public class TrackingCodeNew
{
    [Fact]
    public void Gives_nine_symbols_from_an_alphabet_without_look_alikes()
    {
        var codes = Enumerable.Range(0, 5_000).Select(_ => TrackingCode.New().Value).ToList();

        Assert.All(codes, code => Assert.Equal(TrackingCode.Length, code.Length));
        var used = codes.SelectMany(c => c).ToHashSet();
        Assert.DoesNotContain('0', used);
        Assert.DoesNotContain('O', used);
        Assert.DoesNotContain('1', used);
        Assert.DoesNotContain('I', used);
        Assert.DoesNotContain('L', used);
        Assert.Subset(TrackingCode.Alphabet.ToHashSet(), used);
    }

    [Fact]
    public void Carries_at_least_forty_random_bits()
    {
        Assert.True(TrackingCode.EntropyBits >= 40, $"only {TrackingCode.EntropyBits:F1} bits");
    }

    [Fact]
    public void Uses_every_symbol_of_the_alphabet_about_equally_often()
    {
        var counts = Enumerable.Range(0, 20_000).SelectMany(_ => TrackingCode.New().Value)
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        var expected = 20_000.0 * TrackingCode.Length / TrackingCode.Alphabet.Length;
        Assert.Equal(TrackingCode.Alphabet.Length, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, expected * 0.9, expected * 1.1));
    }

    [Fact]
    public void Repeats_itself_at_most_once_in_a_hundred_thousand_codes()
    {
        // 31^9 codes: one repeat among 100,000 happens in about 1 run of 5,300 (the birthday bound), so asking for
        // none failed now and then; two or more happen in about 1 run of 55 million. A repeat never reaches a customer:
        // the unique index makes the desk draw again (ComplaintDeskAtomicityTests).
        var codes = Enumerable.Range(0, 100_000).Select(_ => TrackingCode.New().Value).ToHashSet();

        Assert.InRange(codes.Count, 99_999, 100_000);
    }

    [Fact]
    public void Is_shown_in_three_groups_of_three_to_read_over_the_phone()
    {
        var code = TrackingCode.Parse("K7M4PX9QR");

        Assert.Equal("K7M-4PX-9QR", code.Display);
    }
}

public class TrackingCodeTryParse
{
    [Theory]
    [InlineData("K7M-4PX-9QR")]
    [InlineData("k7m4px9qr")]
    [InlineData(" k7m 4px 9qr ")]
    [InlineData("K7M - 4PX - 9QR")]
    public void Ignores_case_spaces_and_dashes(string typed)
    {
        Assert.True(TrackingCode.TryParse(typed, out var code));
        Assert.Equal("K7M4PX9QR", code!.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7M-4PX")]
    [InlineData("K7M-4PX-9QRX")]
    [InlineData("O7M-4PX-9QR")]
    [InlineData("17M-4PX-9QR")]
    [InlineData("<script>")]
    public void Refuses_anything_that_is_not_a_code(string? typed)
    {
        Assert.False(TrackingCode.TryParse(typed, out _));
    }

    [Theory]
    [InlineData("Re: uw klacht K7M-4PX-9QR", "K7M4PX9QR")]
    [InlineData("k7m-4px-9qr", "K7M4PX9QR")]
    [InlineData("Volgcode: (K7M-4PX-9QR).", "K7M4PX9QR")]
    [InlineData("eerst L7M-4PX-9QR dan K7M-4PX-9QR", "K7M4PX9QR")]
    public void Is_found_in_a_text_as_customers_quote_it(string text, string expected)
    {
        Assert.Equal(expected, TrackingCode.FindIn(text)?.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Geen code hier")]
    [InlineData("K7M4PX9QR zonder streepjes")]
    [InlineData("XK7M-4PX-9QR")]
    [InlineData("K7M-4PX-9QRX")]
    [InlineData("O7M-4PX-9QR")]
    public void Is_not_found_where_no_whole_code_is_written(string? text)
    {
        Assert.Null(TrackingCode.FindIn(text));
    }
}
