namespace KlantCentraal.Web.Stores;

/// <summary>
/// A staff member works for a store. Someone with no memberships and <see cref="Identity.StaffUser.AllStores"/>
/// works for the whole chain (central staff).
/// </summary>
public sealed class StoreMembership
{
    public StoreMembership(string staffUserId, int storeId)
    {
        StaffUserId = staffUserId;
        StoreId = storeId;
    }

    public string StaffUserId { get; private set; }

    public int StoreId { get; private set; }
}
