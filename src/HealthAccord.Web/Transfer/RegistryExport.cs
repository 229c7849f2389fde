namespace HealthAccord.Web.Transfer;
