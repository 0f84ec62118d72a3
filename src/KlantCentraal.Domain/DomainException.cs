namespace KlantCentraal.Domain;

/// <summary>Thrown when a rule of the domain is broken, such as an invalid state transition.</summary>
public sealed class DomainException : InvalidOperationException
{
    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException()
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
