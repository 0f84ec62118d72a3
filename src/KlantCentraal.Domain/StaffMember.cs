namespace KlantCentraal.Domain;

/// <summary>
/// Who did something: the staff account id and the first name the customer sees ("Say who you are").
/// </summary>
public sealed record StaffMember
{
    public StaffMember(string id, string firstName, bool isManager = false)
    {
        IsManager = isManager;
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(firstName);
        Id = id;
        FirstName = firstName.Trim();
    }

    public string Id { get; }

    public string FirstName { get; }

    /// <summary>Managers may co-sign resolutions and set trust flags.</summary>
    public bool IsManager { get; }
}
