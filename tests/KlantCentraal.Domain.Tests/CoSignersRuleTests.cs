namespace KlantCentraal.Domain.Tests;

/// <summary>Issue 31, item 5: who may co-sign is decided in one place, which the desk's screen and the grant both ask.</summary>
public class CoSignersRule
{
    [Fact]
    public void Stand_for_one_manager_or_two_different_ones()
    {
        Assert.Null(new CoSigners(A.Manager).Problem);
        Assert.Null(new CoSigners(A.Manager, A.SecondManager).Problem);
    }

    [Fact]
    public void Refuse_a_desk_employee_and_the_same_manager_twice()
    {
        Assert.Equal(DomainError.CoSignerNotManager, new CoSigners(A.DeskEmployee).Problem);
        Assert.Equal(DomainError.CoSignerNotManager, new CoSigners(A.Manager, A.DeskEmployee).Problem);
        Assert.Equal(DomainError.CoSignerNotSecondManager, new CoSigners(A.Manager, A.Manager).Problem);
    }
}
