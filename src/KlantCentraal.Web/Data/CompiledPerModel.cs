using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KlantCentraal.Web.Data;

/// <summary>
/// A compiled query, compiled once per model. EF binds a compiled query to the first model it runs against and refuses
/// every other ("executed with a different model"); one process can hold several (each provider has its own context
/// and model: the tests run SQLite and PostgreSQL side by side, and so may a migration tool).
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _compiled.TryGetValue(db.Model, out var query) ? query : _compiled.GetValue(db.Model, _ => compile());
    }
}
