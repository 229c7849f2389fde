using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Users;

/// <summary>What the shared roles-and-scopes fields of the invitation and user pages render.</summary>
public sealed record AccessFieldsModel(AccessInput Access, AccessChoices Choices, ModelStateDictionary State);
