import sys; sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from common import *; from gw import kmeans, egw, sinkhorn
idv=ids(); A=load(sys.argv[1]); B=load(sys.argv[2]); K=int(sys.argv[3])
trm,am,bm,te=split(idv,42)
XA=prep(A,trm); XB=prep(B,trm); d=max(XA.shape[1],XB.shape[1]); XA=pad(XA,d); XB=pad(XB,d)
rs=np.random.RandomState(0); s=np.where(trm)[0]
t=time.time(); CA,p=kmeans(XA[s],K,rs,it=15); print('km',time.time()-t)
lab=(XA[s]@CA.T).argmax(1)
CBo=l2(np.array([XB[s][lab==k].sum(0) for k in range(K)]))  # oracle: same images' centroids in B
SA=CA@CA.T; SBo=CBo@CBo.T; iu=np.triu_indices(K,1)
print('corr centroid sims (oracle correspondence)',np.corrcoef(SA[iu],SBo[iu])[0,1])
P=np.diag(p)
c=((SA**2)@p)[:,None]+((SBo**2)@p)[None,:]
print('loss true coupling', np.sum((c-2*SA@P@SBo.T)*P))
for eps in [0.05,0.01,0.003]:
  for r in range(3):
    T0=None if r==0 else sinkhorn(-np.log(rs.rand(K,K)),p,p,1.0)
    T,loss=egw(SA,SBo,p,p,eps,T=T0,outer=100)
    print(eps,r,'loss',loss,'mass on diag',np.trace(T), 'argmax correct',np.mean(T.argmax(1)==np.arange(K)))
