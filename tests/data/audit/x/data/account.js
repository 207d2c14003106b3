window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "digital@example.ac.uk",
      "createdVia" : "web",
      "username" : "ExampleHealthUK",
      "accountId" : "1139571093",
      "createdAt" : "2013-02-04T11:20:41.000Z",
      "accountDisplayName" : "Example School of Health"
    }
  }
]
