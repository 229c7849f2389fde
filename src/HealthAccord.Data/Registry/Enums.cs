namespace HealthAccord.Data.Registry;

public enum PartnershipKind
{
    FundersNetwork,
    ResearchConsortium,
    Programme,
    JointUndertaking,
}

/// <summary>How the European Union takes part in a partnership.</summary>
public enum EuRole
{
    Member,
    Contributor,
    MemberAndContributor,
    Observer,
}

public enum PartnershipStatus
{
    Active,
    Concluded,
}

public enum OrganisationType
{
    Funder,
    GovernmentBody,
    ResearchOrganisation,
    InternationalOrganisation,
    Foundation,
    Company,
    Other,
}

public enum MembershipRole
{
    FoundingMember,
    Member,
    Associate,
    Observer,
    Secretariat,
    Chair,
}

public enum AgreementKind
{
    ScienceAndTechnologyCooperation,
    MemorandumOfUnderstanding,
    ImplementingArrangement,
    ContributionOrGrantAgreement,
    TermsOfReference,
    LegalAct,
}

public enum AgreementStatus
{
    InForce,
    Expired,
    UnderNegotiation,
    Superseded,
}

/// <summary>Whether a goal is reached by going above or staying below its target.</summary>
public enum GoalDirection
{
    AtLeast,
    AtMost,
    Qualitative,
}

public enum ProgressStatus
{
    Met,
    OnTrack,
    Behind,
    NotMet,
    NoData,
    NoTarget,
}
