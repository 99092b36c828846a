def test_admin_sees_agreement_page(world, client_for):
    response = client_for(world.admin).get(world.agreement.get_absolute_url())
    assert response.status_code == 200
    assert world.agreement.title in response.content.decode()
