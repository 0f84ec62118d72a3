namespace KlantCentraal.Domain;

/// <summary>The resolution needs a manager's co-signature before it can be granted. Help is not refused: ask a manager.</summary>
public sealed class CoSignatureRequiredException : InvalidOperationException
{
    public CoSignatureRequiredException(CoSignReason reasons)
        : base($"A manager's co-signature is needed ({reasons}).")
    {
        Reasons = reasons;
    }

    public CoSignatureRequiredException()
    {
    }

    public CoSignatureRequiredException(string message)
        : base(message)
    {
    }

    public CoSignatureRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CoSignReason Reasons { get; }
}
