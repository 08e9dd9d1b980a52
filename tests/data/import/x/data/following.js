window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "1234567890123456789",
      "userLink" : "https://twitter.com/intent/user?user_id=1234567890123456789"
    }
  },
  {
    "following" : {
      "accountId" : "1111111111111111111",
      "userLink" : "https://twitter.com/intent/user?user_id=1111111111111111111"
    }
  }
]
