using Reqnroll;

namespace ReqnrollXunit.Fixture;

/// <summary>Nothing registers this: building <see cref="InjectionSteps"/> fails, in a real run and in a dry run alike.</summary>
public interface IUnregisteredService;

[Binding]
public sealed class InjectionSteps(IUnregisteredService service)
{
    [Given("a step whose class needs an unregistered service")]
    public void Use() => _ = service.ToString();
}
